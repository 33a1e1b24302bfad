#include "rootguard.h"

#include <QtGlobal>

#ifdef Q_OS_UNIX
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <windows.h>
#endif

namespace ts::app {

bool runningWithAdminRights()
{
#ifdef Q_OS_UNIX
    return ::geteuid() == 0;
#elif defined(Q_OS_WIN)
    HANDLE token = nullptr;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token))
        return false;
    TOKEN_ELEVATION elevation{};
    DWORD size = sizeof elevation;
    const bool elevated = GetTokenInformation(token, TokenElevation, &elevation, size, &size) &&
                          elevation.TokenIsElevated;
    CloseHandle(token);
    return elevated;
#else
    return false;
#endif
}

QString rootRefusalMessage()
{
    return QStringLiteral(
        "tracescope: refusing to run as root (or as an elevated administrator).\n"
        "TraceScope reads profiler output that other programs and other people wrote; with root\n"
        "rights a flaw in reading such a file could damage the whole machine. Run it as an\n"
        "ordinary user. If you have made sure this environment is safe (for example a throw-away\n"
        "container), start it again with --allow-root to override this check.\n");
}

QString rootWarningMessage()
{
    return QStringLiteral("tracescope: warning: running as root because --allow-root was given; "
                          "only open files you trust.\n");
}

} // namespace ts::app
