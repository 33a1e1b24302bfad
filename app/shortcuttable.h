#pragma once
// Every key and gesture of the app, in one table: Help ▸ Keyboard Shortcuts shows it, and
// README.md's "Keyboard shortcuts" section is its markdown (tst_shortcuts compares the two).

#include <QList>
#include <QString>

namespace ts::app {

struct Shortcut
{
    const char *where; // "General", "Timeline", "Memory chart", "Allocator state"
    const char *keys;  // a QKeySequence's portable text, or a gesture as written ("Shift+Drag")
    const char *what;
};

QList<Shortcut> shortcutTable();

// The table as README.md shows it (between its shortcuts markers).
QString shortcutMarkdown();

} // namespace ts::app
