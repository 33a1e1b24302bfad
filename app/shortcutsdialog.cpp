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
    {"W / S", "Timeline: zoom in / out at the mouse"},
    {"A / D", "Timeline: pan left / right"},
    {"Ctrl+Wheel", "Timeline: zoom at the mouse"},
    {"Wheel", "Timeline: scroll the tracks (Shift+Wheel pans)"},
    {"Drag", "Timeline: pan"},
    {"Shift+Drag", "Timeline: select a time range and summarise it"},
    {"Click", "Timeline: select a slice and show its details"},
    {"Double-click", "Timeline: zoom to the slice"},
    {"F", "Timeline: fit the selection"},
    {"0", "Timeline: show everything"},
    {"M", "Timeline: drop a flag at the selection or the mouse"},
    {"Ctrl+Z", "Timeline: back to the previous zoom"},
    {"Ctrl+F", "Timeline: find slices by name"},
    {"Enter / Shift+Enter", "Timeline: next / previous match"},
    {"Esc", "Timeline: clear the selection"},
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
        // Real key sequences in the platform's spelling; gestures ("Shift+Drag") as written.
        const QString raw = QString::fromLatin1(r.keys);
        const QKeySequence sequence(raw);
        const QString keys = sequence.toString(QKeySequence::PortableText) == raw
                                 ? sequence.toString(QKeySequence::NativeText)
                                 : raw;
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
