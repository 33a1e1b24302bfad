#pragma once
// Imports a real input with this build's app binary (sandboxed child and all, as a user's open
// would), into a throwaway home, for model tests over the shared samples.

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

namespace ts::testing {

inline QString sharedSamples()
{
    return QStringLiteral(TRACESCOPE_SHARED_DIR "/samples/pytorch");
}

// A data column "pickle" with a row per PyTorch memory snapshot sample (memsnap-*), or one
// empty row when there are none (the test skips it).
inline void addMemsnapRows()
{
    QTest::addColumn<QString>("pickle");
    const QString root = sharedSamples();
    QDirIterator it(root, {QStringLiteral("*.pickle")}, QDir::Files, QDirIterator::Subdirectories);
    QStringList found;
    while (it.hasNext()) {
        const QString p = it.next();
        if (p.contains(QStringLiteral("/memsnap-")))
            found << p;
    }
    found.sort();
    if (found.isEmpty())
        QTest::newRow("no samples") << QString();
    for (const QString &p : found)
        QTest::newRow(qPrintable(QDir(root).relativeFilePath(p))) << p;
}

// The app binary: this build's, else TRACESCOPE_APP (a GUI-less build has none); empty if none.
inline QString appBinary()
{
    QString app = QStringLiteral(TRACESCOPE_BINARY_DIR "/bin/tracescope");
    if (!QFileInfo(app).isExecutable())
        app = qEnvironmentVariable("TRACESCOPE_APP");
    return !app.isEmpty() && QFileInfo(app).isExecutable() ? app : QString();
}

// The cache of `input`, imported into `home`; empty with *error on failure.
inline QString importWithApp(const QString &app, const QString &input, const QTemporaryDir &home,
                             QString *error)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(app, {QStringLiteral("--allow-root"), QStringLiteral("--import"), input,
                  QStringLiteral("--cache-dir"), home.filePath(QStringLiteral("c"))});
    if (!p.waitForFinished(300000) || p.exitCode() != 0) {
        *error = QString::fromUtf8(p.readAllStandardError());
        return {};
    }
    const QByteArray last = p.readAllStandardOutput().trimmed().split('\n').last();
    const QJsonValue v = QJsonDocument::fromJson(last).object().value("cache");
    const QString cache = v.isArray() ? v.toArray().first().toString() : v.toString();
    if (cache.isEmpty())
        *error = QString::fromUtf8(last);
    return cache;
}

} // namespace ts::testing
