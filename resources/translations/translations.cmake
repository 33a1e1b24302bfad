# The user-interface translations: one Qt Linguist .ts per language, English being the source.
# lupdate gathers every tr() / QCoreApplication::translate / QT_TRANSLATE_NOOP string of app/,
# views/ and model/ (all their files, so a new file needs no listing here); lrelease compiles
# the .ts into the app at build time (app/CMakeLists.txt).
#
#   cmake --build build --target update_translations   # new strings into the .ts, gone ones out
#   linguist resources/translations/tracescope_zh_CN.ts # or edit the XML: fill, drop "unfinished"
#
# The test tst_translations_current runs the same lupdate on a copy and fails while the .ts is
# not what it would write or has an unfinished entry.
find_package(Qt6 REQUIRED COMPONENTS LinguistTools)

set(TRACESCOPE_TS_FILES "${CMAKE_CURRENT_LIST_DIR}/tracescope_zh_CN.ts")
# No line numbers in the .ts (-locations none): edits elsewhere in a file leave it alone, so
# branches merge without conflicts in it. -no-obsolete drops strings the code no longer has.
set(TRACESCOPE_LUPDATE_OPTIONS -silent -locations none -no-obsolete -extensions cpp,h)
set(TRACESCOPE_TRANSLATED_DIRS "${CMAKE_SOURCE_DIR}/app" "${CMAKE_SOURCE_DIR}/views"
    "${CMAKE_SOURCE_DIR}/model")

add_custom_target(update_translations
    COMMAND Qt6::lupdate ${TRACESCOPE_LUPDATE_OPTIONS} ${TRACESCOPE_TRANSLATED_DIRS}
        -ts ${TRACESCOPE_TS_FILES}
    WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}"
    COMMENT "lupdate: the strings of app/, views/ and model/ into resources/translations/"
    VERBATIM)
