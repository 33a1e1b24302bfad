#include "allocatorstateview.h"

#include "blockstyle.h"
#include "segmentmap.h"
#include "timeline/timeformat.h"
#include "timeline/trackpainter.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace ts::views {

bool isStepKey(int key)
{
    switch (key) {
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_PageUp:
    case Qt::Key_PageDown:
    case Qt::Key_Home:
    case Qt::Key_End:
        return true;
    }
    return false;
}

namespace {

constexpr int64_t kPageSteps = 100;

QString bytes(int64_t b)
{
    return formatCounterValue(double(b), true);
}

QString count(int64_t n)
{
    return QLocale().toString(qlonglong(n));
}

// PyTorch's own names (mem_event.action 1 … 9), as its trace and memory_viz print them.
QString actionName(int action)
{
    static const char *const names[] = {"",
                                        "alloc",
                                        "free_requested",
                                        "free_completed",
                                        "segment_alloc",
                                        "segment_free",
                                        "segment_map",
                                        "segment_unmap",
                                        "oom",
                                        "snapshot"};
    return action >= 1 && action <= 9 ? QString::fromLatin1(names[action]) : QString();
}

} // namespace

AllocatorStateView::AllocatorStateView(QWidget *parent)
    : QWidget(parent), m_moment(std::make_shared<model::AllocatorMoment>())
{
    setObjectName(QStringLiteral("allocatorStateView"));
    m_header = new QLabel;
    m_header->setObjectName(QStringLiteral("allocatorStateHeader"));
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    m_header->setToolTip(
        tr("Allocated and pending free count the bytes the program asked for; rounding waste is "
           "what the allocator added to them. Fragmentation = 1 − largest free block ÷ free "
           "bytes: 0% when all free space is one block, near 100% when it is in many small ones "
           "(a block never spans segments, so a request larger than the largest free block needs "
           "a new cudaMalloc)."));
    m_notes = new QLabel;
    m_notes->setObjectName(QStringLiteral("allocatorStateNotes"));
    m_notes->setWordWrap(true);
    m_notes->hide();
    auto *hint = new QLabel(tr("←/→ one event · PgUp/PgDn 100 · Home/End · Ctrl+wheel zoom"));
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto *legend = new AllocatorLegend;
    legend->setMinimumWidth(legend->sizeHint().width()); // never clipped: the map scrolls instead
    auto *legendRow = new QHBoxLayout;
    legendRow->addWidget(legend);
    legendRow->addStretch(1);
    m_map = new SegmentMap;
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(m_header);
    layout->addWidget(m_notes);
    layout->addLayout(legendRow);
    layout->addWidget(hint);
    layout->addWidget(m_map, 1);
    setFocusProxy(m_map);
    connect(m_map, &SegmentMap::blockClicked, this, &AllocatorStateView::allocationPicked);
    showHeader();
}

void AllocatorStateView::setSource(std::shared_ptr<const model::AllocatorState> state, int device)
{
    m_state = std::move(state);
    m_device = device;
    m_map->setPicked(-1);
    m_seq = INT64_MIN; // whatever comes next is new
    setMoment(m_state ? m_state->lastSeq(device) : -1);
}

void AllocatorStateView::setMoment(int64_t seq)
{
    const int64_t k = m_state ? m_state->step(m_device, seq, 0) : -1;
    if (k == m_seq)
        return;
    m_seq = k;
    m_moment = std::make_shared<const model::AllocatorMoment>(m_state ? m_state->at(m_device, k)
                                                                      : model::AllocatorMoment{});
    m_map->setMoment(m_state ? m_moment : nullptr, m_state.get(), m_device);
    m_map->setTouched(m_state ? m_state->event(m_device, k).allocation : -1);
    showHeader();
}

void AllocatorStateView::keyPressEvent(QKeyEvent *event)
{
    if (!m_state) {
        QWidget::keyPressEvent(event);
        return;
    }
    int64_t target = m_seq;
    switch (event->key()) {
    case Qt::Key_Left:
        target = m_state->step(m_device, m_seq, -1);
        break;
    case Qt::Key_Right:
        target = m_state->step(m_device, m_seq, 1);
        break;
    case Qt::Key_PageUp:
        target = m_state->step(m_device, m_seq, -kPageSteps);
        break;
    case Qt::Key_PageDown:
        target = m_state->step(m_device, m_seq, kPageSteps);
        break;
    case Qt::Key_Home:
        target = -1;
        break;
    case Qt::Key_End:
        target = m_state->lastSeq(m_device);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
    if (target == m_seq)
        return;
    setMoment(target);
    emit momentRequested(target);
}

QString AllocatorStateView::headerText() const
{
    return m_header->text();
}

void AllocatorStateView::showHeader()
{
    if (!m_state) {
        m_header->setText(tr("No allocator state to show."));
        m_notes->hide();
        return;
    }
    const int64_t events = m_state->eventCount(m_device);
    QString moment;
    if (m_state->lastSeq(m_device) < 0) {
        moment = tr("<b>The dump</b> — this device has no allocator trace to step through");
    } else if (m_seq < 0) {
        moment = tr("<b>Before the first event</b> of %1").arg(count(events));
    } else {
        const model::AllocatorEvent e = m_state->event(m_device, m_seq);
        moment = tr("<b>After event %1</b> of %2").arg(count(m_seq), count(events));
        if (e.action == 0)
            moment += tr(": an entry the import skipped");
        else if (e.action == 9)
            moment += tr(": a snapshot marker");
        else if (e.action == 8)
            moment += tr(": <b>oom</b>, %1 requested").arg(bytes(int64_t(e.size)));
        else
            moment += tr(": <b>%1</b> %2 at 0x%3")
                          .arg(actionName(e.action), bytes(int64_t(e.size)))
                          .arg(e.address, 0, 16);
        const int64_t first = m_state->firstTime(m_device);
        if (e.time != std::numeric_limits<int64_t>::lowest() &&
            first != std::numeric_limits<int64_t>::lowest())
            moment += tr(" · at %1").arg(formatOffset(e.time - first, 1000));
    }
    const model::AllocatorTotals &t = m_moment->totals;
    const QString waste = (t.wasteDerived > 0 ? QStringLiteral("≥ ") : QString()) + bytes(t.waste);
    const QString totals =
        tr("Allocated <b>%1</b> · pending free %2 · reserved <b>%3</b> in %4 segments · "
           "free %5, largest block %6 · fragmentation <b>%7</b> · rounding waste %8")
            .arg(bytes(t.allocated), bytes(t.pendingFree), bytes(t.reserved), count(t.segments),
                 bytes(t.free), bytes(t.largestFree),
                 t.free > 0 ? QStringLiteral("%1%").arg(t.fragmentation * 100, 0, 'f', 1)
                            : QStringLiteral("—"),
                 waste);
    m_header->setText(moment + QStringLiteral("<br>") + totals);

    QStringList notes;
    if (t.wasteDerived > 0)
        notes << tr("Waste is exact for blocks the dump holds; for the others it is at least the "
                    "allocator's 512-byte rounding of the request (marked ≥).");
    if (t.unknownBlocks > 0)
        notes << tr("⚠ Blocks outside every segment known at this moment: %1 (dashed bars).")
                     .arg(count(t.unknownBlocks));
    if (t.overlappingBlocks > 0)
        notes << tr("⚠ Blocks overlapping another: %1 (the trace and the dump disagree).")
                     .arg(count(t.overlappingBlocks));
    m_notes->setText(notes.join(QLatin1Char(' ')));
    m_notes->setVisible(!notes.isEmpty());
}

} // namespace ts::views
