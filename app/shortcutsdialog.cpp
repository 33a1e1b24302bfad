#include "shortcutsdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeySequence>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ts::app {

namespace {

struct ShortcutRow
{
    const char *keys;
    const char *what;
};

// The timeline keys follow Perfetto and Nsight Systems so hands already know them.
constexpr ShortcutRow kRows[] = {
    {"Ctrl+O", "Open a file"},
    {"Ctrl+Shift+O", "Open a folder"},
    {"Ctrl+W", "Close the current tab"},
    {"Ctrl+Q", "Quit"},
    {"F11", "Full screen"},
    {"Ctrl+/", "This list"},
};

} // namespace

ShortcutsDialog::ShortcutsDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    auto *table = new QTableWidget(int(std::size(kRows)), 2);
    table->setObjectName(QStringLiteral("shortcutTable"));
    table->setHorizontalHeaderLabels({tr("Keys"), tr("Action")});
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    int row = 0;
    for (const ShortcutRow &r : kRows) {
        const QString keys =
            QKeySequence(QString::fromLatin1(r.keys)).toString(QKeySequence::NativeText);
        table->setItem(row, 0, new QTableWidgetItem(keys));
        table->setItem(row, 1, new QTableWidgetItem(tr(r.what)));
        ++row;
    }
    table->resizeColumnsToContents();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(table);
    layout->addWidget(buttons);
    resize(460, 360);
}

} // namespace ts::app
