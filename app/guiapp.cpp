#include "guiapp.h"

#include "appsetup.h"
#include "comparetab.h"
#include "documenttab.h"
#include "importservice.h"
#include "inputopener.h"
#include "instanceserver.h"
#include "mainwindow.h"
#include "recentfiles.h"
#include "timeline/timelinecanvas.h"
#include "timeline/timelineview.h"
#include "translations.h"

#include <QApplication>
#include <QDateTime>
#include <QImage>
#include <QMessageBox>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace ts::app {

namespace {

constexpr int kScreenshotTimeoutMs = 120000;

bool allDocumentsSettled(const MainWindow &window)
{
    for (int i = 0; i < window.tabs()->count(); ++i) {
        const auto *tab = qobject_cast<DocumentTab *>(window.tabs()->widget(i));
        if (tab && !tab->isReady())
            return false;
        const auto *comparison = qobject_cast<CompareTab *>(window.tabs()->widget(i));
        if (comparison && !comparison->isReady())
            return false;
    }
    return true;
}

// What the window shows when no document tab is current, in the words of a problem report.
QString nonDocumentShown(const MainWindow &window)
{
    return qobject_cast<const CompareTab *>(window.tabs()->currentWidget())
               ? QStringLiteral("the comparison")
               : QStringLiteral("the welcome page");
}

// What --find and --view asked for that this document cannot give; empty when all went well.
// shownInstead: what the window shows when doc is null.
QStringList screenshotProblems(DocumentTab *doc, const QString &shownInstead,
                               const AppOptions &options)
{
    QStringList problems;
    const QString path = doc ? doc->path() : QString();
    if (!options.find.isEmpty()) {
        if (!doc || !doc->timeline() || !doc->timeline()->isLoaded())
            problems << QStringLiteral("--find: %1 has no timeline to search")
                            .arg(doc ? path : shownInstead);
        else if (doc->timeline()->searchHitCount() == 0)
            problems << QStringLiteral("--find: no slice name in %1 contains '%2'")
                            .arg(path, options.find);
    }
    if (!options.view.isEmpty() && (!doc || !doc->showView(options.view)))
        problems << QStringLiteral("--view %1: %2 has no %1 view")
                        .arg(options.view.toLower(), doc ? path : shownInstead);
    return problems;
}

// One line on stdout saying what the picture shows, so a script (and the tests) can tell.
void reportScreenshot(DocumentTab *doc, const AppOptions &options, const QImage &image)
{
    QString line = QStringLiteral("screenshot: %1 (%2x%3)")
                       .arg(options.screenshotPath)
                       .arg(image.width())
                       .arg(image.height());
    if (doc)
        line += QStringLiteral(", view %1").arg(doc->currentViewName());
    if (doc && doc->timeline() && !options.find.isEmpty()) {
        const views::TimelineView *timeline = doc->timeline();
        line += QStringLiteral(", find '%1': %2 matches")
                    .arg(options.find)
                    .arg(timeline->searchHitCount());
        if (const model::SliceRef ref = timeline->canvas()->selectedSlice(); ref.isValid())
            line += QStringLiteral(", selected '%1'")
                        .arg(timeline->data()->name(timeline->data()->slice(ref).name));
    }
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

// Polls until the imports are done, then grabs the window. Polling keeps the screenshot path out
// of the documents' own code; the cost is irrelevant for a one-shot command. A --find without a
// match or a --view the document lacks still writes the picture, but says so and exits 1.
void scheduleScreenshot(MainWindow *window, const AppOptions &options)
{
    const qint64 deadline = QDateTime::currentMSecsSinceEpoch() + kScreenshotTimeoutMs;
    auto *timer = new QTimer(window);
    timer->setInterval(100);
    QObject::connect(
        timer, &QTimer::timeout, window,
        [window, options, deadline, timer, findStarted = false, viewShown = false]() mutable {
            const bool timedOut = QDateTime::currentMSecsSinceEpoch() > deadline;
            if (!allDocumentsSettled(*window) && !timedOut)
                return;
            auto *doc = window->currentDocument();
            if (!viewShown && doc && !options.view.isEmpty() && !timedOut) {
                // A view may start work when first shown (SQL runs its example): wait for it.
                viewShown = true;
                doc->showView(options.view);
                if (!doc->isReady())
                    return;
            }
            if (!findStarted && doc && !options.find.isEmpty() && doc->timeline() && !timedOut) {
                // One more round: search, select the first match, frame it with its flows.
                findStarted = true;
                doc->timeline()->findAndFrame(options.find);
                return;
            }
            if (findStarted && doc && doc->timeline() && doc->timeline()->isSearching() &&
                !timedOut)
                return;
            timer->stop();
            const QStringList problems =
                screenshotProblems(doc, nonDocumentShown(*window), options);
            QApplication::processEvents();
            const QImage image = window->grab().toImage();
            const bool saved = image.save(options.screenshotPath, "PNG");
            if (!saved)
                std::fprintf(stderr, "tracescope: cannot write %s\n",
                             qPrintable(options.screenshotPath));
            else
                reportScreenshot(doc, options, image);
            for (const QString &problem : problems)
                std::fprintf(stderr, "tracescope: %s\n", qPrintable(problem));
            if (timedOut)
                std::fprintf(stderr,
                             "tracescope: imports still running after %d s; screenshot "
                             "taken anyway\n",
                             kScreenshotTimeoutMs / 1000);
            QApplication::exit(saved && problems.isEmpty() ? 0 : 1);
        });
    timer->start();
}

} // namespace

int runGuiApp(int &argc, char **argv, const AppOptions &options)
{
    const bool screenshot = !options.screenshotPath.isEmpty();
    if (screenshot)
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    setApplicationIdentity();
    installTranslations(options.language);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/tracescope.svg")));

    QString error;
    const QString cacheDir = prepareCacheDir(options, &error);
    if (cacheDir.isEmpty()) {
        std::fprintf(stderr, "tracescope: %s\n", qPrintable(error));
        if (!screenshot)
            QMessageBox::critical(nullptr, QStringLiteral("TraceScope"), error);
        return 1;
    }

    // A later `tracescope PATH` opens PATH here (see instanceserver.h); --screenshot is a one-shot
    // render of its own and neither forwards nor serves; nor does --compare.
    // A comparison is one tab of two inputs, which a running window cannot be handed as paths.
    InstanceStart instance;
    if (!screenshot && options.compareBase.isEmpty()) {
        instance = startInstance(cacheDir, options.paths);
        if (instance.forwarded)
            return 0;
    }

    // What imports killed outright (SIGKILL, a crash, power lost) left in the cache folder.
    sweepAbandonedCachesInBackground(cacheDir);

    RecentFiles recent;
    InputOpener opener(&recent);
    ImportService imports(cacheDir, importChildPath());
    MainWindow window(&opener, &recent, &imports);
    if (screenshot) {
        window.resize(options.screenshotSize);
        window.setAttribute(Qt::WA_DontShowOnScreen);
    }
    window.show();
    QObject::connect(&opener, &InputOpener::openFailed, &app,
                     [](const QString &, const QString &message) {
                         std::fprintf(stderr, "tracescope: %s\n", qPrintable(message));
                     });
    InstanceServer server;
    if (!instance.socketPath.isEmpty()) {
        QString why;
        if (server.listen(instance.socketPath, &why))
            serveOtherInstances(&server, &opener, &window);
        else
            std::fprintf(stderr, "tracescope: %s\n", qPrintable(why));
        instance.lock.reset();
    }
    QObject::connect(&server, &InstanceServer::rejected, &app, [](const QString &why) {
        std::fprintf(stderr, "tracescope: %s\n", qPrintable(why));
    });
    if (!options.compareBase.isEmpty())
        window.addComparison(options.compareBase, options.paths.value(0));
    else
        opener.openAll(options.paths);
    if (screenshot)
        scheduleScreenshot(&window, options);
    return app.exec();
}

} // namespace ts::app
