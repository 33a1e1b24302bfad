#include "shortcutsdialog.h"

#include "shortcuttable.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeySequence>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ts::app {

ShortcutsDialog::ShortcutsDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    const QList<Shortcut> rows = shortcutTable();
    auto *table = new QTableWidget(int(rows.size()), 3);
    table->setObjectName(QStringLiteral("shortcutTable"));
    table->setHorizontalHeaderLabels({tr("Where"), tr("Keys"), tr("Action")});
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    int row = 0;
    for (const Shortcut &r : rows) {
        // Real key sequences in the platform's spelling; gestures ("Shift+Drag") as written.
        const QString raw = QString::fromLatin1(r.keys);
        const QKeySequence sequence(raw);
        const QString keys = sequence.toString(QKeySequence::PortableText) == raw
                                 ? sequence.toString(QKeySequence::NativeText)
                                 : QCoreApplication::translate("Shortcuts", r.keys);
        table->setItem(row, 0,
                       new QTableWidgetItem(QCoreApplication::translate("Shortcuts", r.where)));
        table->setItem(row, 1, new QTableWidgetItem(keys));
        table->setItem(row, 2,
                       new QTableWidgetItem(QCoreApplication::translate("Shortcuts", r.what)));
        ++row;
    }
    table->resizeColumnsToContents();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(table);
    layout->addWidget(buttons);
    resize(640, 560);
}

} // namespace ts::app
