#pragma once
// What every exportable table of the analysis views does alike (Operators, Summary): copy rows as
// CSV to the clipboard, and save CSV through a file dialog with fs::replaceFile (no write
// through a link, a half-written file never left behind), saying why when it fails.

#include <QByteArray>
#include <QString>
#include <QVector>

class QSortFilterProxyModel;
class QTableView;
class QWidget;

namespace ts::views {

// The source rows of a proxy over a table: the selected ones in shown order, or (nothing
// selected, or selectedOnly false) every row shown.
QVector<int> shownSourceRows(const QTableView *table, const QSortFilterProxyModel *proxy,
                             bool selectedOnly);
void copyCsv(const QByteArray &csv);
// Asks for a file (suggesting defaultName), writes csv there; a failure is shown in a message box.
void exportCsvWithDialog(QWidget *parent, const QString &title, const QString &defaultName,
                         const QByteArray &csv);

} // namespace ts::views
