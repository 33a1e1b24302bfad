// The Chinese user interface, in-process: with the zh_CN translators installed as `--lang zh_CN`
// installs them, the welcome page, a trace's timeline and a snapshot's memory view (and every menu
// of the main window) show no text of the source language. Every label, button, action, menu,
// tab, tooltip, placeholder, combo-box item and item-view header is walked; a text fails when it
// holds a source string of the .ts whose translation differs (the translation did not apply:
// a string outside tr(), a wrong context, a class without Q_OBJECT), or an English word outside
// the list of kept terms below. Also: which language a locale gets.
#include "documenttab.h"
#include "importservice.h"
#include "inputopener.h"
#include "mainwindow.h"
#include "memory/memoryview.h"
#include "recentfiles.h"
#include "timeline/timelineview.h"
#include "translations.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocumentFragment>
#include <QXmlStreamReader>

using namespace ts::app;

namespace {

const QString kTs =
    QStringLiteral(TRACESCOPE_SOURCE_DIR "/resources/translations/tracescope_zh_CN.ts");
const QString kSample =
    QStringLiteral(TRACESCOPE_SOURCE_DIR "/resources/samples/sample.pt.trace.json.gz");
const QString kSnapshot = QStringLiteral(TRACESCOPE_TEST_DATA "/snapshot/all_actions.pickle");

// Words that stay English in the Chinese UI, as Ascend's own Chinese tools keep them: names of
// products, layers and formats, key names, units, and code the user types.
const QStringList kKeptWords{
    // products, layers, formats
    "TraceScope", "PyTorch", "Profiler", "trace", "CUDA", "cudaMalloc", "msMemScope", "CANN",
    "HCCL", "Ascend", "Hardware", "NPU", "GPU", "CPU", "SQL", "SELECT", "Rank", "Kernel", "json",
    "gz", "zst", "pickle", "pkl", "csv", "db", "oom", "time_us", "memory",
    // the code a user runs to record a snapshot
    "torch", "cuda", "_record_memory_history",
    // the language of the SQL tab's queries
    "SQL",
    // keys
    "Ctrl", "Shift", "Enter", "Return", "Esc", "PgUp", "PgDn", "Home", "End",
    // units
    "ns", "us", "ms", "KiB", "MiB", "GiB", "TiB",
    // PyTorch's allocator actions, as its trace names them (the allocator state's header)
    "alloc", "free_requested", "free_completed", "segment_alloc", "segment_free", "segment_map",
    "segment_unmap", "snapshot",
    //
};

// Words as the English check sees them.
const QRegularExpression kWord(QStringLiteral("[A-Za-z][A-Za-z_]+"));

QString plain(const QString &text)
{
    if (!Qt::mightBeRichText(text))
        return text;
    return QTextDocumentFragment::fromHtml(text).toPlainText();
}

// A text some widget shows. `data`: it shows the user's data (file names, slice names), where
// only a whole untranslated source string is a failure, not an English word.
struct Shown
{
    QString where;
    QString text;
    bool data = false;
};

// Every text of the window and its children, named by where it was found.
QList<Shown> shownTexts(QWidget *root)
{
    QList<Shown> out;
    auto add = [&out](const QObject *o, const char *what, const QString &text, bool data = false) {
        if (!text.trimmed().isEmpty())
            out.append({QStringLiteral("%1 %2 (%3)")
                            .arg(QString::fromLatin1(o->metaObject()->className()), o->objectName(),
                                 QString::fromLatin1(what)),
                        text, data});
    };
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    // Widgets whose text is the user's data, by object name.
    static const QStringList dataWidgets{
        "detailsTitle",    "detailsFields",    "memoryDevice",    "recentList",
        "allocationStack", "overviewHeadline", "liveAllocations", "neverFreedAllocations"};
    for (QWidget *w : widgets) {
        const bool data = dataWidgets.contains(w->objectName());
        add(w, "toolTip", w->toolTip());
        if (w->isWindow())
            add(w, "windowTitle", w->windowTitle());
        if (auto *l = qobject_cast<QLabel *>(w))
            add(w, "text", l->text(), data);
        if (auto *b = qobject_cast<QAbstractButton *>(w))
            add(w, "text", b->text());
        if (auto *e = qobject_cast<QLineEdit *>(w))
            add(w, "placeholder", e->placeholderText());
        if (auto *e = qobject_cast<QPlainTextEdit *>(w)) {
            add(w, "placeholder", e->placeholderText());
            add(w, "text", e->toPlainText(), true);
        }
        if (auto *c = qobject_cast<QComboBox *>(w))
            for (int i = 0; i < c->count(); ++i)
                add(w, "item", c->itemText(i), data);
        if (auto *t = qobject_cast<QTabWidget *>(w)) {
            // The document tabs are named after the files.
            const bool files = w->objectName() == QLatin1String("documentTabs");
            for (int i = 0; i < t->count(); ++i) {
                add(w, "tab", t->tabText(i), files);
                add(w, "tab toolTip", t->tabToolTip(i), files);
            }
        }
        if (auto *m = qobject_cast<QMenu *>(w))
            add(w, "title", m->title());
        if (auto *status = qobject_cast<QStatusBar *>(w))
            add(w, "message", status->currentMessage(), true); // names the file
        if (auto *v = qobject_cast<QAbstractItemView *>(w); v && v->model()) {
            const QAbstractItemModel *m = v->model();
            for (int c = 0; c < m->columnCount(); ++c)
                add(w, "header", m->headerData(c, Qt::Horizontal).toString());
            for (int r = 0; r < std::min(m->rowCount(), 50); ++r)
                for (int c = 0; c < m->columnCount(); ++c) {
                    const QModelIndex i = m->index(r, c);
                    add(w, "cell", m->data(i).toString(), true);
                    add(w, "cell toolTip", m->data(i, Qt::ToolTipRole).toString(), true);
                }
        }
        for (QAction *a : w->actions()) {
            add(a, "text", a->text());
            add(a, "toolTip", a->toolTip());
        }
    }
    for (QAction *a : root->findChildren<QAction *>()) {
        add(a, "text", a->text());
        add(a, "toolTip", a->toolTip());
    }
    return out;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void languageForLocale_data();
    void languageForLocale();
    void translatorsInstalled();
    void welcomePageAndMenus();
    void timelineAndMemory();
    void cleanupTestCase();

private:
    // The failures among these texts (empty: all translated).
    QStringList untranslated(const QList<Shown> &texts) const;
    QTemporaryDir m_cache;
    struct Pattern
    {
        QString source;
        QRegularExpression inText;
    };
    QSet<QString> m_sources;   // every source text whose translation differs from it
    QList<Pattern> m_patterns; // the same, as found inside a longer text
    QStringList m_inputWords;  // words of the inputs' file names (the tabs show them)
};

void TestTranslations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("TraceScopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_translations"));
    QSettings().clear();

    QFile ts(kTs);
    QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(kTs));
    QXmlStreamReader xml(&ts);
    QString source;
    static const QRegularExpression letters(QStringLiteral("[A-Za-z]{2,}"));
    static const QRegularExpression placeholder(QStringLiteral("%\\d+"));
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            // A numerus entry holds its forms as child elements.
            const QString translation =
                xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
            if (translation == source || !source.contains(letters))
                continue; // kept as is on purpose ("TraceScope", "Ctrl+Q", "Rank %1")
            const QString text = plain(source).remove(QLatin1Char('&')).trimmed();
            m_sources.insert(text);
            // "Window %1" is found in "Window 3.2 ms"; a literal part must hold a word, so
            // "%1: %2" is not looked for inside texts.
            QStringList parts = text.split(placeholder);
            QString re;
            for (qsizetype i = 0; i < parts.size(); ++i)
                re +=
                    (i ? QStringLiteral(".*?") : QString()) + QRegularExpression::escape(parts[i]);
            if (text.contains(QRegularExpression(QStringLiteral("[A-Za-z]{3,}"))))
                m_patterns.append({text, QRegularExpression(QStringLiteral("(?<![A-Za-z])") + re +
                                                            QStringLiteral("(?![A-Za-z])"))});
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(m_sources.size() > 200);
    for (const QString &path : {kSample, kSnapshot})
        for (const auto &m : kWord.globalMatch(path))
            m_inputWords << m.captured();
    QCOMPARE(installTranslations(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
}

void TestTranslations::cleanupTestCase()
{
    QSettings().clear();
}

void TestTranslations::languageForLocale_data()
{
    QTest::addColumn<QStringList>("uiLanguages");
    QTest::addColumn<QString>("language");
    QTest::newRow("zh-CN") << QStringList{"zh-CN", "zh-Hans-CN", "zh"} << "zh_CN";
    QTest::newRow("zh-Hans-SG") << QStringList{"zh-Hans-SG"} << "zh_CN";
    QTest::newRow("zh_CN of LANGUAGE") << QStringList{"zh_CN", "en"} << "zh_CN";
    QTest::newRow("en-US") << QStringList{"en-US", "en"} << "en";
    QTest::newRow("English before Chinese") << QStringList{"en-GB", "zh-CN"} << "en";
    QTest::newRow("German, then Chinese") << QStringList{"de-DE", "zh-CN"} << "zh_CN";
    QTest::newRow("Traditional Chinese") << QStringList{"zh-TW", "zh-Hant-TW"} << "en";
    QTest::newRow("C") << QStringList{"C"} << "en";
    QTest::newRow("nothing") << QStringList{} << "en";
}

void TestTranslations::languageForLocale()
{
    QFETCH(QStringList, uiLanguages);
    QFETCH(QString, language);
    QCOMPARE(languageForUiLanguages(uiLanguages), language);
}

void TestTranslations::translatorsInstalled()
{
    // Ours, from the resources lrelease filled, and Qt's own (qt6-translations-l10n).
    QCOMPARE(QCoreApplication::translate("ts::app::DocumentTab", "Timeline"),
             QStringLiteral("时间线"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
}

QStringList TestTranslations::untranslated(const QList<Shown> &texts) const
{
    QStringList failures;
    for (const Shown &s : texts) {
        const QString text = plain(s.text).remove(QLatin1Char('&')).trimmed();
        if (m_sources.contains(text)) {
            failures << QStringLiteral("%1: untranslated \"%2\"").arg(s.where, text);
            continue;
        }
        // In the user's data only a source of several words is surely ours ("Self time" in
        // the details, not a slice named "Total").
        for (const Pattern &p : m_patterns) {
            if (s.data && !p.source.contains(QLatin1Char(' ')))
                continue;
            if (p.inText.match(text).hasMatch()) {
                failures << QStringLiteral("%1: \"%2\" holds untranslated \"%3\"")
                                .arg(s.where, text, p.source);
                break;
            }
        }
        if (s.data)
            continue;
        QStringList english;
        for (const auto &m : kWord.globalMatch(text)) {
            const QString w = m.captured();
            if (!kKeptWords.contains(w, Qt::CaseInsensitive) &&
                !m_inputWords.contains(w, Qt::CaseInsensitive))
                english << w;
        }
        if (!english.isEmpty())
            failures << QStringLiteral("%1: \"%2\" has English words %3")
                            .arg(s.where, text, english.join(QLatin1Char(' ')));
    }
    failures.removeDuplicates();
    return failures;
}

void TestTranslations::welcomePageAndMenus()
{
    RecentFiles recent;
    InputOpener opener(&recent);
    ImportService imports(m_cache.path(), QString());
    MainWindow window(&opener, &recent, &imports);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QList<Shown> texts = shownTexts(&window);
    QVERIFY(texts.size() > 20);
    const QStringList failures = untranslated(texts);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
}

void TestTranslations::timelineAndMemory()
{
    RecentFiles recent;
    InputOpener opener(&recent);
    ImportService imports(m_cache.path(),
                          QStringLiteral(TRACESCOPE_BINARY_DIR "/bin/tracescope-import"));
    MainWindow window(&opener, &recent, &imports);
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    opener.openAll({kSample, kSnapshot});
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("documentTabs"));
    QVERIFY(tabs);
    QTRY_COMPARE(tabs->count(), 2);
    QList<Shown> texts;
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        auto *doc = qobject_cast<DocumentTab *>(tabs->widget(i));
        QVERIFY(doc);
        QTRY_VERIFY_WITH_TIMEOUT(doc->isReady(), 120000);
        QVERIFY2(!doc->hasFailed(), qPrintable(doc->errorText()));
        // The views are found by their English names whatever language the tabs show.
        if (doc->showView(QStringLiteral("timeline"))) {
            QCOMPARE(doc->currentViewName(), QStringLiteral("Timeline"));
            QTRY_VERIFY_WITH_TIMEOUT(doc->timeline()->isLoaded(), 60000);
            // A selected slice fills the details pane; the search shows its count.
            doc->timeline()->findAndFrame(QStringLiteral("ProfilerStep"));
            QTRY_VERIFY_WITH_TIMEOUT(!doc->timeline()->isSearching(), 60000);
            QVERIFY(doc->timeline()->searchHitCount() > 0);
            texts += shownTexts(&window);
        }
        if (doc->showView(QStringLiteral("memory"))) {
            QCOMPARE(doc->currentViewName(), QStringLiteral("Memory"));
            QTRY_VERIFY_WITH_TIMEOUT(doc->memory()->timeline() != nullptr, 60000);
            auto *memoryTabs = doc->memory()->findChild<QTabWidget *>(QStringLiteral("memoryTabs"));
            QVERIFY(memoryTabs);
            for (int t = 0; t < memoryTabs->count(); ++t) {
                memoryTabs->setCurrentIndex(t);
                QTest::qWait(50);
                texts += shownTexts(&window);
            }
        }
    }
    // What was looked at: the views of both documents, with their tables filled.
    QStringList where;
    for (const Shown &s : texts)
        where << s.where;
    for (const char *expected : {"timelineSearch", "rangeTable", "flagList", "liveAllocations",
                                 "allocatorStateHeader", "memorySummary"})
        QVERIFY2(where.join(QLatin1Char('\n')).contains(QLatin1String(expected)), expected);
    const QStringList failures = untranslated(texts);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
