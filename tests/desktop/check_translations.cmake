# The committed translations are current: lupdate, run over a copy exactly as the
# update_translations target runs it, changes nothing, and every entry is translated. It fails
# when code gained, changed or lost a translatable string without the .ts following, and names
# the entries and the fix.
#
#   cmake -DLUPDATE=… "-DOPTIONS=a|b" "-DDIRS=a|b" -DTS=….ts -DWORK=scratch-dir -P this-file
string(REPLACE "|" ";" OPTIONS "${OPTIONS}")
string(REPLACE "|" ";" DIRS "${DIRS}")
get_filename_component(name "${TS}" NAME)
file(MAKE_DIRECTORY "${WORK}")
set(copy "${WORK}/${name}")
configure_file("${TS}" "${copy}" COPYONLY)
execute_process(COMMAND "${LUPDATE}" ${OPTIONS} ${DIRS} -ts "${copy}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${rc}): ${out}${err}")
endif()
file(READ "${TS}" committed)
file(READ "${copy}" updated)
set(fix "Run `cmake --build build --target update_translations`, translate what it marks \
unfinished in ${TS} (Qt Linguist, or the XML: fill <translation>, drop type=\"unfinished\"), \
and rebuild; see README.md, \"Translations\".")
string(REGEX MATCHALL "<message>[^<]*<source>[^<]*</source>[^<]*<translation type=\"(unfinished|vanished|obsolete)\""
    stale "${updated}")
list(LENGTH stale count)
if(count GREATER 0)
    string(REGEX REPLACE "<message>[^<]*<source>([^<]*)</source>[^<]*<translation type=\"([a-z]+)\""
        "\n  \\2: \\1" listing "${stale}")
    message(FATAL_ERROR "${name}: ${count} entries not translated or no longer in the code:${listing}\n${fix}")
endif()
if(NOT committed STREQUAL updated)
    message(FATAL_ERROR "${name} is not what lupdate writes for the current code (strings "
        "removed or moved, or the file was edited by hand in another layout). ${fix}")
endif()
message(STATUS "${name}: current, every entry translated")
