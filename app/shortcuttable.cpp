#include "shortcuttable.h"

#include <iterator>

namespace ts::app {

namespace {

// The timeline keys follow Perfetto and Nsight Systems so hands already know them.
constexpr Shortcut kShortcuts[] = {
    {"General", "Ctrl+O", "Open a file"},
    {"General", "Ctrl+Shift+O", "Open a folder"},
    {"General", "Ctrl+W", "Close the current tab"},
    {"General", "Ctrl+Q", "Quit"},
    {"General", "F11", "Full screen"},
    {"General", "Ctrl+/", "This list"},
    {"Timeline", "W / S", "Zoom in / out at the mouse"},
    {"Timeline", "Ctrl+Wheel", "Zoom at the mouse"},
    {"Timeline", "A / D", "Pan left / right"},
    {"Timeline", "Drag, Shift+Wheel", "Pan"},
    {"Timeline", "Wheel", "Scroll the tracks"},
    {"Timeline", "Click", "Select a slice: details below (args, self time, flows in and out)"},
    {"Timeline", "Double-click",
     "Zoom to the slice; on a flow in the details, jump to its other end"},
    {"Timeline", "Shift+Drag", "Select a time range: its slices grouped by name, sortable"},
    {"Timeline", "F", "Fit the selection"},
    {"Timeline", "0", "Show everything"},
    {"Timeline", "Ctrl+Z", "Back to the previous zoom"},
    {"Timeline", "M", "Drop a flag at the selection (or the mouse)"},
    {"Timeline", "Ctrl+F", "Find slices by name"},
    {"Timeline", "Enter / Shift+Enter", "Next / previous match"},
    {"Timeline", "Esc", "Clear the selection"},
    {"Memory chart", "Wheel, W / S", "Zoom time around the cursor"},
    {"Memory chart", "Ctrl+Wheel", "Zoom bytes around the cursor"},
    {"Memory chart", "Drag, Shift+Wheel, A / D", "Pan"},
    {"Memory chart", "Double-click, 0", "Show everything"},
    {"Memory chart", "Click", "Pick that moment (and the allocation under the cursor)"},
    {"Allocator state", "Left / Right", "Step one allocator event back / forward"},
    {"Allocator state", "PgUp / PgDown", "Step 100 allocator events back / forward"},
    {"Allocator state", "Home / End", "The first / last allocator event"},
    {"Allocator state", "Ctrl+Wheel, + / -", "Zoom the segments"},
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
