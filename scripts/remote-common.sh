# shellcheck shell=bash
# scripts/remote-common.sh -- what scripts/remote-bootstrap and
# scripts/remote-check share: reading a host spec, the ssh options that
# bound every failure in time, quoting for the remote shell, and turning
# ssh's own messages into one clear error.  Sourced (bash), not run.
#
# The caller sets PROG (its name, for messages) before sourcing.
#
# Environment (both scripts):
#   ZOOT_SSH                 the ssh command, word-split (default "ssh");
#                            e.g. "ssh -F ~/.ssh/board.conf -i ~/.ssh/board"
#   ZOOT_SSH_CONNECT_TIMEOUT seconds to wait for the TCP connection and the
#                            ssh handshake (default 10)
#   ZOOT_SSH_ALIVE           seconds between keepalives; the connection is
#                            declared dead after 3 unanswered (default 5,
#                            so a silent drop is noticed within ~15 s)

# die MESSAGE...: the one error line, then exit 1.
die() {
    echo "$PROG: error: $*" >&2
    exit 1
}

# parse_host SPEC: set SSH_DEST ([user@]host) and SSH_PORT (empty: ssh's
# default or the user's ssh config) from [user@]host[:port].  An IPv6
# address takes brackets when a port follows: [::1]:2222.
parse_host() {
    local spec=$1 user='' host port=''
    [[ -n $spec ]] || die "empty host"
    # ssh would read a leading - as an option (-oProxyCommand=...).
    [[ $spec != -* ]] || die "bad host '$1' (expected [user@]host[:port])"
    if [[ $spec == *@* ]]; then
        user=${spec%@*}@
        spec=${spec##*@}
    fi
    if [[ $spec =~ ^\[([^]]+)\](:([0-9]+))?$ ]]; then
        host=${BASH_REMATCH[1]}
        port=${BASH_REMATCH[3]}
    elif [[ $spec =~ ^([^:]+):([0-9]+)$ ]]; then
        host=${BASH_REMATCH[1]}
        port=${BASH_REMATCH[2]}
    elif [[ $spec == *:*:* ]]; then
        host=$spec        # a bare IPv6 address, no port
    elif [[ $spec =~ ^[^:]+$ ]]; then
        host=$spec
    else
        die "bad host '$1' (expected [user@]host[:port])"
    fi
    SSH_DEST=$user$host
    SSH_PORT=$port
    SSH_LABEL=$1
}

# ssh_command: fill the array SSH with the command that reaches the host.
# BatchMode: never stop to ask for a password, a passphrase or a new host
# key -- a refused key is an immediate error, not a prompt nobody answers
# in a make run.  ConnectTimeout bounds an unreachable host;
# ServerAlive* bound a connection that dies silently mid-run (no FIN, e.g.
# the board loses power).  -T: no terminal, so the byte streams (tar)
# pass through untouched and no escape character is interpreted.
ssh_command() {
    local alive=${ZOOT_SSH_ALIVE:-5}
    # shellcheck disable=SC2206  # ZOOT_SSH is a command line: split it
    SSH=(${ZOOT_SSH:-ssh})
    # LogLevel INFO: ssh's reasons ("Timeout, server not responding")
    # are INFO messages, which a quieter user setting would swallow.
    SSH+=(-T -o BatchMode=yes -o LogLevel=INFO
          -o ConnectTimeout="${ZOOT_SSH_CONNECT_TIMEOUT:-10}"
          -o ServerAliveInterval="$alive" -o ServerAliveCountMax=3)
    [[ -n $SSH_PORT ]] && SSH+=(-p "$SSH_PORT")
    SSH+=("$SSH_DEST")
}

# shq WORD: WORD quoted for a POSIX shell (the remote's, whatever it is):
# inside single quotes everything is literal except the quote itself.
shq() {
    printf "'%s'" "${1//\'/\'\\\'\'}"
}

# remote_command SCRIPT ARG...: the command line that runs the POSIX sh
# SCRIPT with ARGs on the remote.  `exec` makes that sh the direct child
# of the ssh session (the login shell is replaced), so the script's $PPID
# is the session: its watchdog (see WATCHDOG) can tell when the
# connection is gone.
remote_command() {
    local script=$1 a cmd
    shift
    cmd="exec sh -c $(shq "$script") $PROG"
    for a in "$@"; do cmd+=" $(shq "$a")"; done
    printf '%s' "$cmd"
}

# Shell text for the top of every remote script (POSIX sh).  It checks
# the tools ($REMOTE_NEEDS, set before it), makes a private directory $d
# (mktemp -d: mode 700 whatever the umask; the files in it get the usual
# 644, so what comes back looks like what a local build writes), and
# unpacks stdin there.  The EXIT trap removes $d however the script ends:
# normally, an error, or a signal (the traps turn signals into exit).
# A watchdog ends the job when the ssh session is gone: without a
# terminal sshd sends no SIGHUP, and a job busy computing (SBCL, a stage
# of the bootstrap) would otherwise only notice at its next write, when
# the dead pipe kills it.  /proc tells whether the session process exists
# whatever user owns it (kill -0 would fail with EPERM on a root-owned
# sshd); without /proc the watchdog is skipped and the next write does
# the job.  TMPDIR picks where $d goes (default /tmp).  Exit codes 90-99
# are the script's own failures (see remote_failure).
# shellcheck disable=SC2034,SC2016  # used by the sourcing scripts; remote text
REMOTE_PROLOGUE='
set -u
umask 022
say() { echo "'"$PROG"' (on $(uname -n 2>/dev/null || echo remote)): $*" >&2; }
session=$PPID
for tool in mktemp tar $REMOTE_NEEDS; do
    command -v "$tool" >/dev/null 2>&1 || { say "$tool is not on PATH (PATH=$PATH)"; exit 97; }
done
d=$(mktemp -d "${TMPDIR:-/tmp}/zoot-remote.XXXXXX") || { say "cannot create a temporary directory in ${TMPDIR:-/tmp}"; exit 96; }
watchdog=
cleanup() {
    [ -n "$watchdog" ] && kill "$watchdog" 2>/dev/null
    cd / && rm -rf "$d"
}
trap cleanup EXIT
trap "exit 129" HUP
trap "exit 130" INT
trap "exit 143" TERM
trap "exit 141" PIPE
if [ -d "/proc/$session" ]; then
    ( trap - TERM
      while [ -d "/proc/$session" ]; do sleep 1; done
      kill -TERM 0 ) </dev/null >/dev/null 2>&1 &
    watchdog=$!
fi
cd "$d" || exit 96
tar xf - || { say "receiving the files failed (connection lost?)"; exit 95; }
'

# explain_ssh_failure STDERR-FILE: print the one clear error for an ssh
# that exited 255 (ssh's own failure: the remote command never ran, or
# the connection broke), from the last line ssh wrote.
explain_ssh_failure() {
    local msg why
    msg=$(tr -d '\r' <"$1" | grep -v '^Warning: Permanently added' | grep -v '^$' | tail -n 1)
    [[ -n $msg ]] || msg="ssh exited 255 without a message; ZOOT_SSH='ssh -v' shows more"
    case $msg in
        *"Connection refused"*) why="no ssh server listens there" ;;
        *"timed out"*) why="no answer within ${ZOOT_SSH_CONNECT_TIMEOUT:-10} s" ;;
        *"No route to host"*|*"Network is unreachable"*) why="the host is unreachable" ;;
        *"Could not resolve"*) why="unknown host name" ;;
        *"Permission denied"*) why="the host refused the key (BatchMode: no password prompts; put your public key in the host's authorized_keys, or set ZOOT_SSH to use another)" ;;
        *"Host key verification failed"*) why="unknown or changed host key: ssh to it once by hand, or add it to known_hosts" ;;
        *"not responding"*) why="the connection went silent mid-run and was given up" ;;
        *"closed by remote host"*|*"Broken pipe"*|*"Connection reset"*|*"closed by"*|*"Connection closed"*)
            why="the connection dropped mid-run" ;;
        *) why="" ;;
    esac
    if [[ -n $why ]]; then
        echo "$PROG: error: ssh to $SSH_LABEL failed: $why ($msg)" >&2
    else
        echo "$PROG: error: ssh to $SSH_LABEL failed: $msg" >&2
    fi
}

# remote_failure STATUS STDERR-FILE: the one error line for a remote
# script that stopped with one of its own failures (status 90-99): what it
# said (its lines start with "$PROG (on HOST):"), or its last line.
remote_failure() {
    local msg
    msg=$(tr -d '\r' <"$2" | sed -n "s/^$PROG (on [^)]*): //p" | tail -n 1)
    [[ -n $msg ]] || msg=$(tr -d '\r' <"$2" | grep -v '^$' | tail -n 1)
    echo "$PROG: error: on $SSH_LABEL: ${msg:-the remote script failed} (remote status $1; nothing was changed here)" >&2
}

# probe_host TOOL...: fail early, before any work here, when the host
# cannot be reached or lacks one of the TOOLs (on its PATH for a
# non-interactive ssh session).
probe_host() {
    local err status
    err=$(mktemp "${TMPDIR:-/tmp}/$PROG-probe.XXXXXX") || die "cannot create a temporary file"
    # shellcheck disable=SC2016  # expanded on the remote
    "${SSH[@]}" "$(remote_command 'missing=
for t in "$@"; do command -v "$t" >/dev/null 2>&1 || missing="$missing $t"; done
if [ -n "$missing" ]; then
    echo "'"$PROG"' (on $(uname -n 2>/dev/null || echo remote)): not on PATH ($PATH):$missing" >&2
    exit 97
fi' "$@")" </dev/null >/dev/null 2>"$err"
    status=$?
    if ((status == 255)); then
        explain_ssh_failure "$err"
    elif ((status != 0)); then
        remote_failure "$status" "$err"
    fi
    rm -f "$err"
    ((status == 0)) || exit 1
}
