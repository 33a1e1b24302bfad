#include "shortcuttable.h"

#include <QtGlobal>

#include <iterator>

namespace ts::app {

namespace {

// Where and what are translated where shown (context "Shortcuts", see shortcutsdialog.cpp); the
// keys are Qt's portable key names, and gestures (translated too). The timeline keys follow
// Perfetto and Nsight Systems so hands already know them.
constexpr Shortcut kShortcuts[] = {
    {QT_TRANSLATE_NOOP("Shortcuts", "General"), "Ctrl+O",
     QT_TRANSLATE_NOOP("Shortcuts", "Open a file")},
    {QT_TRANSLATE_NOOP("Shortcuts", "General"), "Ctrl+Shift+O",
     QT_TRANSLATE_NOOP("Shortcuts", "Open a folder")},
    {QT_TRANSLATE_NOOP("Shortcuts", "General"), "Ctrl+W",
     QT_TRANSLATE_NOOP("Shortcuts", "Close the current tab")},
    {QT_TRANSLATE_NOOP("Shortcuts", "General"), "Ctrl+Q", QT_TRANSLATE_NOOP("Shortcuts", "Quit")},
    {QT_TRANSLATE_NOOP("Shortcuts", "General"), "F11",
     QT_TRANSLATE_NOOP("Shortcuts", "Full screen")},
    {QT_TRANSLATE_NOOP("Shortcuts", "General"), "Ctrl+/",
     QT_TRANSLATE_NOOP("Shortcuts", "This list")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Timeline"), "W / S",
     QT_TRANSLATE_NOOP("Shortcuts", "Zoom in / out at the mouse")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Timeline"), QT_TRANSLATE_NOOP("Shortcuts", "Ctrl+Wheel"),
     QT_TRANSLATE_NOOP("Shortcuts", "Zoom at the mouse")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Timeline"), "A / D",
     QT_TRANSLATE_NOOP("Shortcuts", "Pan left / right")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Timeline"),
     QT_TRANSLATE_NOOP("Shortcuts", "Drag, Shift+Wheel"), QT_TRANSLATE_NOOP("Shortcuts", "Pan")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Timeline"), QT_TRANSLATE_NOOP("Shortcuts", "Wheel"),
     QT_TRANSLATE_NOOP("Shortcuts", "Scroll the tracks")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Timeline"), QT_TRANSLATE_NOOP("Shortcuts", "Click"),
     QT_TRANSLATE_NOOP("Shortcuts",
                       "Select a slice: details below (args, self time, flows in and out)")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Timeline"), QT_TRANSLATE_NOOP("Shortcuts", "Double-click"),
     QT_TRANSLATE_NOOP("Shortcuts",
                       "Zoom to the slice; on a flow in the details, jump to its other end")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Timeline"), QT_TRANSLATE_NOOP("Shortcuts", "Shift+Drag"),
     QT_TRANSLATE_NOOP("Shortcuts", "Select a time range: its slices grouped by name, sortable")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Timeline"), "F",
     QT_TRANSLATE_NOOP("Shortcuts", "Fit the selection")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Timeline"), "0",
     QT_TRANSLATE_NOOP("Shortcuts", "Show everything")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Timeline"), "Ctrl+Z",
     QT_TRANSLATE_NOOP("Shortcuts", "Back to the previous zoom")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Timeline"), "M",
     QT_TRANSLATE_NOOP("Shortcuts", "Drop a flag at the selection (or the mouse)")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Timeline"), "Ctrl+F",
     QT_TRANSLATE_NOOP("Shortcuts", "Find slices by name")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Timeline"), "Enter / Shift+Enter",
     QT_TRANSLATE_NOOP("Shortcuts", "Next / previous match")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Timeline"), "Esc",
     QT_TRANSLATE_NOOP("Shortcuts", "Clear the selection")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Memory chart"), QT_TRANSLATE_NOOP("Shortcuts", "Wheel, W / S"),
     QT_TRANSLATE_NOOP("Shortcuts", "Zoom time around the cursor")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Memory chart"), QT_TRANSLATE_NOOP("Shortcuts", "Ctrl+Wheel"),
     QT_TRANSLATE_NOOP("Shortcuts", "Zoom bytes around the cursor")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Memory chart"),
     QT_TRANSLATE_NOOP("Shortcuts", "Drag, Shift+Wheel, A / D"),
     QT_TRANSLATE_NOOP("Shortcuts", "Pan")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Memory chart"),
     QT_TRANSLATE_NOOP("Shortcuts", "Double-click, 0"),
     QT_TRANSLATE_NOOP("Shortcuts", "Show everything")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Memory chart"), QT_TRANSLATE_NOOP("Shortcuts", "Click"),
     QT_TRANSLATE_NOOP("Shortcuts", "Pick that moment (and the allocation under the cursor)")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Allocator state"), "Left / Right",
     QT_TRANSLATE_NOOP("Shortcuts", "Step one allocator event back / forward")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Allocator state"), "PgUp / PgDown",
     QT_TRANSLATE_NOOP("Shortcuts", "Step 100 allocator events back / forward")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Allocator state"), "Home / End",
     QT_TRANSLATE_NOOP("Shortcuts", "The first / last allocator event")},
    {QT_TRANSLATE_NOOP("Shortcuts", "Allocator state"),
     QT_TRANSLATE_NOOP("Shortcuts", "Ctrl+Wheel, + / -"),
     QT_TRANSLATE_NOOP("Shortcuts", "Zoom the segments")},
};

} // namespace

QList<Shortcut> shortcutTable()
{
    return QList<Shortcut>(std::begin(kShortcuts), std::end(kShortcuts));
}

QString shortcutMarkdown()
{
    QString md = QStringLiteral("| where | keys | what they do |\n|---|---|---|\n");
    for (const Shortcut &s : kShortcuts)
        md += QStringLiteral("| %1 | %2 | %3 |\n")
                  .arg(QString::fromUtf8(s.where), QString::fromUtf8(s.keys),
                       QString::fromUtf8(s.what));
    return md;
}

} // namespace ts::app
