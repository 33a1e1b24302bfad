#pragma once
// Slice colours: a name always gets the same colour, in every run and on every machine (a hash
// of its UTF-8 bytes, not QHash's seeded one), from a palette of mid-tone hues that carry dark
// text. Merged runs of sub-pixel slices are drawn a little darker so a user can tell them apart.

#include <QColor>
#include <QString>

namespace ts::views {

QColor sliceColor(const QString &name);
QColor mergedColor(const QColor &base);
// Black or white, whichever reads better on `background`.
QColor textColorOn(const QColor &background);

} // namespace ts::views
