// One table of shortcuts (app/shortcuttable.cpp) feeds Help ▸ Keyboard Shortcuts and README.md:
// the dialog shows every row of it, and README's section is its markdown, word for word.
#include "shortcutsdialog.h"
#include "shortcuttable.h"

#include <QFile>
#include <QTableWidget>
#include <QTest>

using namespace ts::app;

class TestShortcuts : public QObject
{
    Q_OBJECT
private slots:
    void dialogShowsTheTable();
    void readmeShowsTheTable();
    void memoryViewKeysListed();
};

void TestShortcuts::dialogShowsTheTable()
{
    ShortcutsDialog dialog;
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("shortcutTable"));
    QVERIFY(table);
    const QList<Shortcut> rows = shortcutTable();
    QCOMPARE(table->rowCount(), int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        QCOMPARE(table->item(i, 0)->text(), QString::fromUtf8(rows[i].where));
        // Key sequences appear in the platform's spelling; on Linux that is the portable text.
        QCOMPARE(table->item(i, 1)->text(), QString::fromUtf8(rows[i].keys));
        QCOMPARE(table->item(i, 2)->text(), QString::fromUtf8(rows[i].what));
    }
}

void TestShortcuts::readmeShowsTheTable()
{
    QFile readme(QStringLiteral(TRACESCOPE_SOURCE_DIR "/README.md"));
    QVERIFY(readme.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(readme.readAll());
    const QString begin = QStringLiteral("<!-- shortcuts:begin -->\n");
    const qsizetype from = text.indexOf(begin);
    const qsizetype to = text.indexOf(QStringLiteral("<!-- shortcuts:end -->"));
    QVERIFY2(from >= 0 && to > from, "README.md lacks the shortcuts markers");
    const QString section = text.mid(from + begin.size(), to - from - begin.size());
    // On a difference, the expected text is printed: paste it between the markers.
    if (section != shortcutMarkdown())
        qWarning("README.md should hold, between its shortcuts markers:\n%s",
                 qPrintable(shortcutMarkdown()));
    QCOMPARE(section, shortcutMarkdown());
}

void TestShortcuts::memoryViewKeysListed()
{
    // The keys the Memory view handles (views/memory) must be in the table.
    QStringList memoryKeys;
    for (const Shortcut &s : shortcutTable()) {
        const QString where = QString::fromUtf8(s.where);
        if (where == QLatin1String("Memory chart") || where == QLatin1String("Allocator state"))
            memoryKeys << QString::fromUtf8(s.keys);
    }
    for (const char *keys : {"Left / Right", "PgUp / PgDown", "Home / End", "Ctrl+Wheel"})
        QVERIFY2(memoryKeys.contains(QLatin1String(keys)), keys);
}

QTEST_MAIN(TestShortcuts)
#include "tst_shortcuts.moc"
