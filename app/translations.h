#pragma once
// The user-interface language. English is the source language of every string (tr() and
// QCoreApplication::translate in app/, views/ and model/); Simplified Chinese comes from
// resources/translations/tracescope_zh_CN.ts, compiled by lrelease at build time into the app's
// resources (:/i18n). Qt's own strings (standard buttons, file dialogs) come from the system's
// qtbase_<lang>.qm where it is installed (Debian: qt6-translations-l10n).

#include <QString>
#include <QStringList>

namespace ts::app {

// The language to show for a locale's UI languages in order of preference (QLocale::uiLanguages:
// "zh-CN", "en-US", …): the first one we have, where English counts as had; "en" when none is.
QString languageForUiLanguages(const QStringList &uiLanguages);

// Installs the translators for `language` ("en", "zh_CN", or empty: the system locale's) on the
// running application and returns the language now shown. Call once, after the QApplication is
// made and before any widget is.
QString installTranslations(const QString &language);

} // namespace ts::app
