# CPack from the build folder: `cpack -G DEB` and `cpack -G TGZ` (see README). The macOS bundle
# and the Windows installer are configured here but built only on those systems.
set(CPACK_PACKAGE_NAME "tracescope")
set(CPACK_PACKAGE_VENDOR "TraceScope")
set(CPACK_PACKAGE_CONTACT "TraceScope developers <tracescope@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "TraceScope")
set(CPACK_STRIP_FILES ON)
set(CPACK_RESOURCE_FILE_README "${CMAKE_SOURCE_DIR}/README.md")
# A SHA-256 checksum file beside each package (<package file>.sha256), to check a download with
# `sha256sum -c`.
set(CPACK_PACKAGE_CHECKSUM SHA256)
# Folders are 0755 in the package whatever the builder's umask (see normalize_modes.cmake).
set(CPACK_PRE_BUILD_SCRIPTS "${CMAKE_CURRENT_LIST_DIR}/normalize_modes.cmake")

if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    set(CPACK_GENERATOR "DEB;TGZ")
    set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    # Beside the libraries dpkg-shlibdeps finds: a font with Chinese glyphs for the zh_CN UI
    # (--lang zh_CN or a Chinese locale), and Qt's own translations for its dialogs.
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-wqy-microhei | fonts-noto-cjk")
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
elseif(APPLE)
    set(CPACK_GENERATOR "DragNDrop;TGZ")
    set(CPACK_DMG_VOLUME_NAME "TraceScope")
elseif(WIN32)
    set(CPACK_GENERATOR "NSIS;ZIP")
    set(CPACK_NSIS_DISPLAY_NAME "TraceScope")
    set(CPACK_NSIS_PACKAGE_NAME "TraceScope")
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    set(CPACK_PACKAGE_EXECUTABLES "tracescope" "TraceScope")
endif()
include(CPack)
