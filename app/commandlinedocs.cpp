#include "commandlinedocs.h"

#include "commandline.h"

#include <QRegularExpression>

namespace ts::app {

namespace {

// Text as roff shows it literally: backslashes escaped, the dashes of option names as minus
// signs (so they can be searched and pasted), and no line that starts with a control character.
QString roffText(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\e"));
    static const QRegularExpression optionName(QStringLiteral("(?<![\\w-])--?[A-Za-z][\\w-]*"));
    QString out;
    qsizetype from = 0;
    for (auto it = optionName.globalMatch(escaped); it.hasNext();) {
        const auto m = it.next();
        out += escaped.mid(from, m.capturedStart() - from);
        out += m.captured().replace(QLatin1Char('-'), QStringLiteral("\\-"));
        from = m.capturedEnd();
    }
    out += escaped.mid(from);
    if (out.startsWith(QLatin1Char('.')) || out.startsWith(QLatin1Char('\'')))
        out.prepend(QStringLiteral("\\&"));
    return out;
}

QString dashed(const QString &name)
{
    return (name.size() == 1 ? QStringLiteral("\\-") : QStringLiteral("\\-\\-")) +
           QString(name).replace(QLatin1Char('-'), QStringLiteral("\\-"));
}

QString optionsSection()
{
    QString out;
    for (const OptionSpec &spec : commandLineOptions()) {
        out += QStringLiteral(".TP\n");
        QStringList names;
        for (const QString &n : spec.names)
            names << QStringLiteral("\\fB%1\\fR").arg(dashed(n));
        out += names.join(QStringLiteral(", "));
        if (!spec.valueName.isEmpty())
            out += QStringLiteral(" \\fI%1\\fR").arg(roffText(spec.valueName));
        out += QLatin1Char('\n') + roffText(spec.description) + QLatin1Char('\n');
    }
    return out;
}

QString spaced(const QStringList &words)
{
    return words.join(QLatin1Char(' '));
}

} // namespace

QString manPage(const QString &templateText, const QString &version)
{
    QString page = templateText;
    page.replace(QStringLiteral("@VERSION@"), version);
    page.replace(QStringLiteral("@DESCRIPTION@"), roffText(commandLineDescription()));
    page.replace(QStringLiteral("@PATH@"), roffText(positionalDescription()));
    page.replace(QStringLiteral("@OPTIONS@\n"), optionsSection());
    return page;
}

QString bashCompletion()
{
    QStringList all;
    QStringList withValue;
    QStringList folders;
    QStringList files;
    QStringList listed; // options with a fixed set of values (--view, --lang)
    QString valueCases; // one case per such option, offering its values
    for (const OptionSpec &spec : commandLineOptions()) {
        QStringList dashedNames;
        for (const QString &n : spec.names)
            dashedNames << (n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + n;
        if (!spec.values.isEmpty()) {
            listed << dashedNames;
            valueCases += QStringLiteral("        %1)\n"
                                         "            mapfile -t COMPREPLY < <(compgen -W \"%2\" "
                                         "-- \"$cur\")\n"
                                         "            return ;;\n")
                              .arg(dashedNames.join(QLatin1Char('|')), spaced(spec.values));
        }
        for (const QString &dashedName : dashedNames) {
            all << dashedName;
            if (spec.valueName.isEmpty())
                continue;
            withValue << dashedName;
            if (spec.valueName == QStringLiteral("DIR"))
                folders << dashedName;
            else if (spec.valueName.contains(QLatin1Char('.')) ||
                     spec.valueName == QLatin1String("BASE"))
                files << dashedName; // OUT.png, or an input to compare with
        }
    }
    QString s = QStringLiteral(
        R"(# bash completion for tracescope(1). Generated from the option table that also gives
# `tracescope --help` (app/commandline.cpp) by tracescope-docgen; do not edit.

_tracescope_paths()
{
    # $1: -d for folders only. bash-completion's _filedir quotes and expands best; plain bash
    # falls back to compgen.
    if declare -F _filedir >/dev/null; then
        _filedir $1
    else
        compopt -o filenames 2>/dev/null
        if [[ $1 == -d ]]; then
            mapfile -t COMPREPLY < <(compgen -d -- "$cur")
        else
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        fi
    fi
}

_tracescope()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    # "--view=me": bash splits at "=", so the option is two words back.
    if [[ $prev == = && $COMP_CWORD -ge 2 ]]; then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    elif [[ $cur == = ]]; then
        cur=
    fi
    COMPREPLY=()
    case $prev in
@VALUECASES@        @FOLDERS@)
            _tracescope_paths -d
            return ;;
        @FILES@)
            _tracescope_paths
            return ;;
        @OTHERVALUES@)
            return ;; # free text
    esac
    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "@ALL@" -- "$cur")
        return
    fi
    _tracescope_paths
}
complete -F _tracescope tracescope
)");
    QStringList other = withValue;
    for (const QString &o : folders + files + listed)
        other.removeAll(o);
    s.replace(QStringLiteral("@VALUECASES@"), valueCases);
    s.replace(QStringLiteral("@FOLDERS@"), folders.join(QLatin1Char('|')));
    s.replace(QStringLiteral("@FILES@"), files.join(QLatin1Char('|')));
    s.replace(QStringLiteral("@OTHERVALUES@"), other.join(QLatin1Char('|')));
    s.replace(QStringLiteral("@ALL@"), spaced(all));
    return s;
}

} // namespace ts::app
