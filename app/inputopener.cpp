#include "inputopener.h"

#include "recentfiles.h"
#include "util/safefs.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace ts::app {

InputOpener::InputOpener(RecentFiles *recent, QObject *parent) : QObject(parent), m_recent(recent)
{
}

void InputOpener::open(const QString &path)
{
    const QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    const fs::OpenedInput input = fs::openInput(absolute);
    if (input.fd < 0) {
        if (m_recent && !QFileInfo::exists(absolute))
            m_recent->remove(absolute);
        emit openFailed(absolute, input.error);
        return;
    }
#ifdef Q_OS_UNIX
    ::close(input.fd); // the document opens it again, itself, when it imports
#endif
    if (m_recent)
        m_recent->add(absolute);
    emit documentRequested(absolute, input.warning);
}

void InputOpener::openAll(const QStringList &paths)
{
    for (const QString &path : paths)
        open(path);
}

QString InputOpener::samplePath()
{
    const QString path = QDir::cleanPath(QCoreApplication::applicationDirPath() +
                                         QStringLiteral("/../share/tracescope/samples/"
                                                        "sample.pt.trace.json.gz"));
    return QFileInfo::exists(path) ? path : QString();
}

} // namespace ts::app
