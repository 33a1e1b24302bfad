#pragma once
// What the user learns about the selected slice: name, category, track, start, duration, self
// time, its args as a table, and its flows in and out; activating a flow asks (by signal) to
// jump to the slice at the other end.

#include "timeline/slicedetails.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace ts::views {

class DetailsPane : public QWidget
{
    Q_OBJECT
public:
    explicit DetailsPane(QWidget *parent = nullptr);
    // traceStart: times are shown relative to it, as on the ruler.
    void showSlice(const model::SliceDetails &details, int64_t startInTrace,
                   const QStringList &flowTrackNames);
    void clear();
    QString shownName() const;
    QTableWidget *flowTable() const { return m_flows; }
    QTableWidget *argTable() const { return m_args; }

signals:
    void flowActivated(int index); // index into the details' flows

private:
    QLabel *m_title;
    QLabel *m_fields;
    QTableWidget *m_args;
    QTableWidget *m_flows;
    QString m_name;
};

} // namespace ts::views
