#pragma once
// Single instance: `tracescope PATH` while a TraceScope window runs for the same user and cache
// folder hands PATH to that window, which opens it as a new tab, and exits; no second window.
//
// The channel is a Unix-domain socket (QLocalServer) in a folder of ours inside the user's
// runtime folder ($XDG_RUNTIME_DIR/tracescope, else <tmp>/tracescope-<uid>), which must be a real
// folder owned by the user with mode 0700: no port is opened and no other user can reach it.
// What arrives is untrusted all the same: the server accepts a connection only from a process of
// its own uid (SO_PEERCRED), reads at most kMaxMessageBytes within kReadTimeoutMs, and passes on
// only absolute paths of existing local files or folders; the window then opens them through
// InputOpener like any other path.
//
// Message: "TSOPEN1 <payload bytes>\n", then the paths, each UTF-8 and ended by a NUL. The
// server answers "OK\n" once it has taken the message, or closes the connection without it.

#include <QLockFile>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

#include <sys/types.h>

class QLocalServer;
class QLocalSocket;
class QWidget;

namespace ts::app {

class InputOpener;

constexpr int kMaxMessageBytes = 64 * 1024;
constexpr int kMaxForwardedPaths = 64;
constexpr int kReadTimeoutMs = 3000;

// The socket of the instance that uses `cacheDir`: one window per cache folder, so a path is
// never imported into another folder than the one the user asked for. Makes the folder (0700)
// and checks it; returns an empty string and sets *error when it is not safe to use.
QString instanceSocketPath(const QString &cacheDir, QString *error);

class InstanceServer : public QObject
{
    Q_OBJECT
public:
    explicit InstanceServer(QObject *parent = nullptr);
    ~InstanceServer() override;

    // Listens at socketPath, replacing a stale socket nobody answers on. Only the user may
    // connect (the socket file is 0700 as well as its folder).
    bool listen(const QString &socketPath, QString *error);
    QString socketPath() const;

    // Whose connections are taken: this process's uid unless a test says otherwise.
    void setAllowedUid(uid_t uid) { m_allowedUid = uid; }

signals:
    // The accepted paths (possibly none: the sender only wants the window brought forward).
    void pathsReceived(const QStringList &paths);
    // A connection, or a path in it, that was refused, and why (the app prints it).
    void rejected(const QString &why);

private:
    void acceptPending();
    void readFrom(QLocalSocket *socket);

    QLocalServer *m_server;
    uid_t m_allowedUid;
};

enum class ForwardResult { Forwarded, NoInstance, Failed };

// Hands `paths` (made absolute against this process's folder) to the instance listening at
// socketPath and waits for its answer.
ForwardResult forwardToRunningInstance(const QString &socketPath, const QStringList &paths,
                                       QString *error);

// Start-up of a window: hands `paths` to a running instance if there is one (forwarded: the
// caller exits 0). Otherwise socketPath is where this one should listen (empty: the runtime
// folder is unsafe, and it runs alone), and the lock, held until it listens, keeps two windows
// started at once from both becoming the server. Problems are printed to stderr.
struct InstanceStart
{
    bool forwarded = false;
    QString socketPath;
    std::unique_ptr<QLockFile> lock;
};
InstanceStart startInstance(const QString &cacheDir, const QStringList &paths);

// Opens what the server receives through `opener` and brings `window` to the front.
void serveOtherInstances(InstanceServer *server, InputOpener *opener, QWidget *window);

} // namespace ts::app
