#pragma once
// Runs the real `tracescope` binary for the suites that must see it from outside (root guard,
// file modes, headless import): a private HOME and XDG folders so nothing touches the user's own,
// and --allow-root added only where a suite asks for it.

#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <unistd.h>

namespace ts::testing {

inline QString tracescopeBinary() { return QStringLiteral(TRACESCOPE_BINARY_DIR "/bin/tracescope"); }
inline QString sampleTrace()
{
    return QStringLiteral(TRACESCOPE_BINARY_DIR "/share/tracescope/samples/sample.pt.trace.json.gz");
}
inline bool runningAsRoot() { return ::geteuid() == 0; }
// CI runs as root: the app then needs --allow-root to start at all.
inline QStringList rootFlag()
{
    return runningAsRoot() ? QStringList{QStringLiteral("--allow-root")} : QStringList{};
}

struct AppRun
{
    int exitCode = -1;
    bool finished = false;
    QByteArray out;
    QByteArray err;
};

class AppSandboxHome
{
public:
    AppSandboxHome() { m_dir.setAutoRemove(true); }
    QString path() const { return m_dir.path(); }
    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.path() + QStringLiteral("/config"));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_dir.path() + QStringLiteral("/cache"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.path() + QStringLiteral("/data"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        return env;
    }
    QStringList filesInside() const
    {
        QStringList found;
        QDirIterator it(m_dir.path(), QDir::AllEntries | QDir::Hidden | QDir::System |
                                          QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            found << it.next();
        return found;
    }

private:
    QTemporaryDir m_dir;
};

inline AppRun runApp(const AppSandboxHome &home, const QStringList &args, int timeoutMs = 60000)
{
    QProcess p;
    p.setProcessEnvironment(home.environment());
    p.start(tracescopeBinary(), args);
    AppRun run;
    if (!p.waitForStarted(10000))
        return run;
    run.finished = p.waitForFinished(timeoutMs);
    if (!run.finished) {
        p.kill();
        p.waitForFinished(5000);
    }
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return run;
}

} // namespace ts::testing
