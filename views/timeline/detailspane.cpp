#include "detailspane.h"

#include "timeformat.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ts::views {

namespace {

QTableWidget *makeTable(const QStringList &headers, const QString &objectName)
{
    auto *table = new QTableWidget(0, int(headers.size()));
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
    return table;
}

} // namespace

DetailsPane::DetailsPane(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("detailsPane"));
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("detailsTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    m_fields = new QLabel;
    m_fields->setObjectName(QStringLiteral("detailsFields"));
    m_fields->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_args = makeTable({tr("Argument"), tr("Value")}, QStringLiteral("argTable"));
    m_flows = makeTable({tr("Flow"), tr("Other end"), tr("Track"), tr("At")},
                        QStringLiteral("flowTable"));
    m_flows->setToolTip(tr("Double-click a flow to jump to its other end"));
    connect(m_flows, &QTableWidget::cellActivated, this,
            [this](int row, int) { emit flowActivated(row); });
    connect(m_flows, &QTableWidget::cellDoubleClicked, this,
            [this](int row, int) { emit flowActivated(row); });

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(8, 6, 8, 6);
    leftLayout->addWidget(m_title);
    leftLayout->addWidget(m_fields);
    leftLayout->addWidget(m_flows, 1);
    auto *split = new QSplitter;
    split->addWidget(left);
    split->addWidget(m_args);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
    clear();
}

void DetailsPane::clear()
{
    m_name.clear();
    m_title->setText(
        tr("<i>Click a slice to see its details; Shift-drag to summarise a range.</i>"));
    m_fields->clear();
    m_args->setRowCount(0);
    m_flows->setRowCount(0);
    m_flows->hide();
}

QString DetailsPane::shownName() const
{
    return m_name;
}

void DetailsPane::showSlice(const model::SliceDetails &d, int64_t startInTrace,
                            const QStringList &flowTrackNames)
{
    if (!d.valid) {
        clear();
        return;
    }
    m_name = d.name;
    m_title->setText(
        QStringLiteral("<b style='font-size:13pt'>%1</b>").arg(d.name.toHtmlEscaped()));
    const QString row = QStringLiteral("<tr><td style='color:#666;padding-right:12px'>%1</td>"
                                       "<td>%2</td></tr>");
    QString html = QStringLiteral("<table>");
    html += row.arg(tr("Category"),
                    d.category.isEmpty() ? QStringLiteral("—") : d.category.toHtmlEscaped());
    html += row.arg(tr("Track"), d.trackName.toHtmlEscaped());
    html += row.arg(tr("Start"), formatOffset(startInTrace, 1000));
    html += row.arg(tr("Duration"), formatDuration(d.dur));
    html += row.arg(tr("Self time"), formatDuration(d.selfTime));
    html += row.arg(tr("Depth"), QString::number(d.depth));
    html += QStringLiteral("</table>");
    m_fields->setText(html);

    m_args->setRowCount(int(d.args.size()));
    for (int i = 0; i < d.args.size(); ++i) {
        m_args->setItem(i, 0, new QTableWidgetItem(d.args[i].first));
        m_args->setItem(i, 1, new QTableWidgetItem(d.args[i].second));
    }
    m_args->resizeColumnToContents(0);

    m_flows->setRowCount(int(d.flows.size()));
    for (int i = 0; i < d.flows.size(); ++i) {
        const model::FlowEnd &f = d.flows[i];
        auto *dir = new QTableWidgetItem(f.outgoing ? tr("→ out") : tr("← in"));
        dir->setForeground(QColor(30, 80, 200));
        m_flows->setItem(i, 0, dir);
        auto *name = new QTableWidgetItem(f.name);
        name->setForeground(QColor(30, 80, 200));
        QFont u = name->font();
        u.setUnderline(true);
        name->setFont(u);
        m_flows->setItem(i, 1, name);
        m_flows->setItem(i, 2, new QTableWidgetItem(flowTrackNames.value(i)));
        m_flows->setItem(i, 3, new QTableWidgetItem(formatDuration(f.ts - d.ts)));
    }
    m_flows->setVisible(!d.flows.isEmpty());
    m_flows->resizeColumnsToContents();
}

} // namespace ts::views
