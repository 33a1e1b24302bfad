#pragma once
// The SQL tab of an opened input: an editor for read-only SQL over its caches, the schema beside
// it, the result as a table below. The query runs on SqlWorker's thread with a row and a time
// limit and can be cancelled; the GUI thread only receives rows. Queries run are kept in
// QueryHistory. The first time the tab is shown it runs an example query.

#include "sql/queryrunner.h"
#include "sqlworker.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QTreeWidget;

namespace ts::views {

class SqlResultModel;

class SqlView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kDefaultRowLimit = 100000;
    static constexpr int kDefaultTimeLimitSeconds = 30;

    explicit SqlView(SqlWorker::SourceList sources, QWidget *parent = nullptr);
    ~SqlView() override;

    static QString exampleQuery();

    // Runs what the editor holds (or `sql`, which then goes into the editor).
    void runQuery();
    void runQuery(const QString &sql);
    void cancel();
    // The last result again, sorted by SQLite by its column `column` (as a click on its header
    // does: the same column again reverses the order).
    void sortBy(int column);
    // Opening the caches, or a query running.
    bool isBusy() const { return !m_opened || m_running; }
    const SqlResultModel *resultModel() const { return m_model; }
    QString statusText() const;
    QString editorText() const;
    // Schema names and their tables as the tree lists them ("rank0.slice").
    QStringList schemaTables() const;
    void setLimits(qint64 maxRows, int seconds);
    // The result as CSV (header line, then rows, as --sql prints it): every row received, or
    // the rows holding a selected cell, all their columns.
    QByteArray resultCsv(bool selectedOnly) const;
    void copyResult() const; // the selected rows, or all when nothing is selected
    bool exportResult(const QString &file, QString *error) const; // every row received

signals:
    void schemaLoaded();
    void queryFinished(const ts::model::QueryOutcome &outcome);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onOpened(const QList<model::SqlSchema> &schema);
    void onFinished(quint64 generation, const model::QueryOutcome &outcome);
    void start(const QString &sql);
    void setRunning(bool running);
    void refreshHistory();
    void setStatus(const QString &text, bool isError);
    void exportWithDialog();
    QWidget *makeEditorPane();
    QWidget *makeResultPane();

    SqlWorker m_worker;
    quint64 m_generation = 0;
    bool m_opened = false;
    bool m_running = false;
    bool m_firstRunDone = false;
    QString m_pendingQuery; // asked for before the caches were open
    QString m_lastSql;      // what the result shows, the one header clicks sort
    model::QueryOrder m_order;

    QTreeWidget *m_schema = nullptr;
    QPlainTextEdit *m_editor = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
    QComboBox *m_history = nullptr;
    QSpinBox *m_rowLimit = nullptr;
    QSpinBox *m_timeLimit = nullptr;
    QLabel *m_status = nullptr;
    QTableView *m_table = nullptr;
    SqlResultModel *m_model = nullptr;
};

} // namespace ts::views
