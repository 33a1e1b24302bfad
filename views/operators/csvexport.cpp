#include "csvexport.h"

#include "util/safefs.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QTableView>

#include <algorithm>

namespace ts::views {

QVector<int> shownSourceRows(const QTableView *table, const QSortFilterProxyModel *proxy,
                             bool selectedOnly)
{
    QModelIndexList rows;
    if (selectedOnly && table->selectionModel())
        rows = table->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        for (int r = 0; r < proxy->rowCount(); ++r)
            rows.append(proxy->index(r, 0));
    }
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QVector<int> out;
    for (const QModelIndex &i : std::as_const(rows)) {
        const QModelIndex source = proxy->mapToSource(i);
        if (source.isValid())
            out.append(source.row());
    }
    return out;
}

void copyCsv(const QByteArray &csv)
{
    QApplication::clipboard()->setText(QString::fromUtf8(csv));
}

void exportCsvWithDialog(QWidget *parent, const QString &title, const QString &defaultName,
                         const QByteArray &csv)
{
    const QString file =
        QFileDialog::getSaveFileName(parent, title, defaultName, QObject::tr("CSV files (*.csv)"));
    if (file.isEmpty())
        return;
    QString error;
    if (!fs::replaceFile(file, csv, &error))
        QMessageBox::warning(parent, title, error);
}

} // namespace ts::views
