// The breakdown by owner hierarchy (model/memscope/ownertree.h).
#include "memscope/ownertree.h"

#include <QTest>

using namespace ts::model;

class TestOwnerTree : public QObject
{
    Q_OBJECT

private slots:
    void groupsByHierarchy()
    {
        const OwnerNode root = ownerBreakdown({{QStringLiteral("PTA@model@layer1"), 100},
                                               {QStringLiteral("PTA@model@layer2"), 300},
                                               {QStringLiteral("PTA@optimizer"), 50},
                                               {QString(), 7},
                                               {QStringLiteral("PTA@model@layer1"), 1}});
        QCOMPARE(root.bytes, uint64_t(458));
        QCOMPARE(root.blocks, uint64_t(5));
        QCOMPARE(root.children.size(), size_t(2));
        const OwnerNode &pta = root.children[0];
        QCOMPARE(pta.name, QStringLiteral("PTA"));
        QCOMPARE(pta.bytes, uint64_t(451));
        QCOMPARE(pta.children[0].name, QStringLiteral("model")); // largest first
        QCOMPARE(pta.children[0].bytes, uint64_t(401));
        QCOMPARE(pta.children[0].children[0].name, QStringLiteral("layer2"));
        QCOMPARE(pta.children[0].children[1].blocks, uint64_t(2));
        QCOMPARE(pta.children[1].name, QStringLiteral("optimizer"));
        QCOMPARE(root.children[1].name, QStringLiteral("(no owner)"));
        QCOMPARE(root.children[1].bytes, uint64_t(7));
    }
    void empty()
    {
        const OwnerNode root = ownerBreakdown({});
        QCOMPARE(root.bytes, uint64_t(0));
        QVERIFY(root.children.empty());
    }
};

QTEST_GUILESS_MAIN(TestOwnerTree)
#include "tst_ownertree.moc"
