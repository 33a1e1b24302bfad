#include "translations.h"

#include "commandline.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace ts::app {

namespace {

// Where lrelease's output is compiled in (app/CMakeLists.txt).
const QString kOwnTranslations = QStringLiteral(":/i18n");

// "zh-Hans-CN", "zh_SG", "zh" → zh_CN; Traditional Chinese ("zh-TW", "zh-Hant-HK") has no
// translation here and is not given the Simplified one.
QString languageFor(const QString &uiLanguage)
{
    const QLocale locale(uiLanguage);
    switch (locale.language()) {
    case QLocale::English:
        return QStringLiteral("en");
    case QLocale::Chinese:
        return locale.script() == QLocale::TraditionalChineseScript ? QString()
                                                                    : QStringLiteral("zh_CN");
    default:
        return QString();
    }
}

} // namespace

QString languageForUiLanguages(const QStringList &uiLanguages)
{
    for (const QString &ui : uiLanguages) {
        const QString language = languageFor(ui);
        if (languageNames().contains(language))
            return language;
    }
    return QStringLiteral("en");
}

QString installTranslations(const QString &requested)
{
    const QString language =
        requested.isEmpty() ? languageForUiLanguages(QLocale::system().uiLanguages()) : requested;
    if (language == QLatin1String("en"))
        return language;
    auto *own = new QTranslator(QCoreApplication::instance());
    if (!own->load(QStringLiteral("tracescope_") + language, kOwnTranslations)) {
        delete own;
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(own);
    // Qt's own strings where the system has them; without, its dialogs stay in English.
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(QStringLiteral("qtbase_") + language,
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return language;
}

} // namespace ts::app
