// tracescope: the order of start-up matters. The umask and the root guard come before anything
// can create a file or open a window; the command line is parsed without a QCoreApplication for
// that reason.

#include "commandline.h"
#include "guiapp.h"
#include "headlessimport.h"
#include "headlessstats.h"
#include "headlesssql.h"
#include "memorypolicy.h"
#include "rootguard.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/stat.h>
#endif

namespace {

QStringList argumentList(int argc, char **argv)
{
    QStringList list;
    for (int i = 0; i < argc; ++i)
        list << QString::fromLocal8Bit(argv[i]);
    return list;
}

void print(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

} // namespace

int main(int argc, char **argv)
{
#ifdef Q_OS_UNIX
    ::umask(027); // every folder we make is at most 0750, every file at most 0640
    // A file-size limit (RLIMIT_FSIZE) met while writing a cache would kill us with SIGXFSZ and
    // leave the temporary cache behind; ignored, the write fails with EFBIG and the import
    // reports it and removes its temporary cache, as it does when the disk is full.
    ::signal(SIGXFSZ, SIG_IGN);
#endif
    ts::app::returnLargeBuffersToTheSystem();
    const ts::app::ParseResult parsed = ts::app::parseCommandLine(argumentList(argc, argv));
    switch (parsed.action) {
    case ts::app::ParseResult::Action::Error:
        print(stderr, parsed.text);
        return parsed.exitCode;
    case ts::app::ParseResult::Action::ShowHelp:
    case ts::app::ParseResult::Action::ShowVersion:
        print(stdout, parsed.text);
        return 0;
    case ts::app::ParseResult::Action::Run:
        break;
    }

    if (ts::app::runningWithAdminRights()) {
        if (!parsed.options.allowRoot) {
            print(stderr, ts::app::rootRefusalMessage());
            return 1;
        }
        print(stderr, ts::app::rootWarningMessage());
    }

    if (!parsed.options.stats.isEmpty())
        return ts::app::runHeadlessStats(argc, argv, parsed.options);
    if (parsed.options.headlessImport)
        return ts::app::runHeadlessImport(argc, argv, parsed.options);
    if (!parsed.options.sql.isNull())
        return ts::app::runHeadlessSql(argc, argv, parsed.options);
    return ts::app::runGuiApp(argc, argv, parsed.options);
}
