#pragma once
// The list of flags the user dropped with M: time and an editable name. Double-click a time to
// jump there; Delete removes the selected flag. Every change is reported (changed()) so the
// owner can save the list beside the cache.

#include "timeline/flagstore.h"

#include <QWidget>

class QTreeWidget;
class QTreeWidgetItem;

namespace ts::views {

class FlagsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit FlagsPanel(QWidget *parent = nullptr);
    // traceStart: flags are listed relative to it.
    void setFlags(const QList<model::TimelineFlag> &flags, int64_t traceStart);
    QList<model::TimelineFlag> flags() const { return m_flags; }
    QTreeWidget *list() const { return m_list; }

signals:
    void changed(const QList<model::TimelineFlag> &flags);
    void jumpRequested(int64_t ts);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void rebuild();
    void removeSelected();

    QTreeWidget *m_list;
    QList<model::TimelineFlag> m_flags;
    int64_t m_traceStart = 0;
    bool m_rebuilding = false;
};

} // namespace ts::views
