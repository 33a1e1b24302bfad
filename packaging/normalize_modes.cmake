# Run by CPack after it has installed into its staging folder (CPACK_PRE_BUILD_SCRIPTS): the
# folders it made there follow the builder's umask, and a package must not ship /usr/share/...
# unreadable to other users because its builder's umask was 0027 or 0077. Files keep the modes
# install() gave them (0755 programs, 0644 data). packaging/check_package.sh checks the result.
file(GLOB_RECURSE entries LIST_DIRECTORIES true "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*")
set(folders "${CPACK_TEMPORARY_INSTALL_DIRECTORY}")
foreach(entry IN LISTS entries)
    if(IS_DIRECTORY "${entry}" AND NOT IS_SYMLINK "${entry}")
        list(APPEND folders "${entry}")
    endif()
endforeach()
file(CHMOD ${folders} DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
