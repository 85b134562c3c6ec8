#!/bin/sh
# Put CS Coach in this user's application menu, with its icon, and make *.cscoach files
# open in it (Linux and other freedesktop.org desktops). Needs no root: everything goes
# under ~/.local/share (or $XDG_DATA_HOME).
#
#   resources/install-desktop.sh                 install (or update)
#   resources/install-desktop.sh --exec PATH     ... starting CS Coach as PATH
#   resources/install-desktop.sh --uninstall     remove everything it installed
#
# Without --exec the menu entry starts the first of: `cscoach` on the PATH, the
# checkout's .venv/bin/cscoach. Run it again after moving CS Coach.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
APPS=$DATA/applications
ICONS=$DATA/icons/hicolor
MIME=$DATA/mime
SIZES="16 32 48 64 128 256 512"
DESKTOP=cscoach.desktop
MIME_XML=cscoach-mime.xml
MIME_ICON=application-x-cscoach

say() { printf '%s\n' "$*"; }
fail() { printf 'install-desktop: error: %s\n' "$*" >&2; exit 2; }
have() { command -v "$1" >/dev/null 2>&1; }

usage() {
    sed -n '2,11s/^# \{0,1\}//p' "$0"
}

# The Exec= value for PATH, quoted as the Desktop Entry specification asks.
exec_value() {
    case $1 in
        *[!A-Za-z0-9/._+-]*)
            # Inside double quotes escape " ` $ \ with a backslash; then the desktop file's
            # own string escaping doubles every backslash; a literal % is written %%.
            quoted=$(printf '%s' "$1" | sed -e 's/[\\"`$]/\\&/g' -e 's/\\/\\\\/g' -e 's/%/%%/g')
            printf '"%s"' "$quoted"
            ;;
        *) printf '%s' "$1" ;;
    esac
}

find_cscoach() {
    if have cscoach; then
        command -v cscoach
    elif [ -x "$ROOT/.venv/bin/cscoach" ]; then
        printf '%s\n' "$ROOT/.venv/bin/cscoach"
    else
        printf '%s\n' cscoach
    fi
}

refresh() {
    if have update-desktop-database; then
        update-desktop-database -q "$APPS" 2>/dev/null || true
    fi
    if have gtk-update-icon-cache && [ -f "$ICONS/index.theme" ]; then
        gtk-update-icon-cache -q -f -t "$ICONS" 2>/dev/null || true
    fi
    touch "$ICONS" 2>/dev/null || true  # tells icon caches to look again
}

install_files() {
    target=$1
    for size in $SIZES; do
        png="$HERE/icons/hicolor/${size}x${size}/apps/cscoach.png"
        [ -f "$png" ] || fail "$png is missing (run resources/render_icons.py)"
        mkdir -p "$ICONS/${size}x${size}/apps" "$ICONS/${size}x${size}/mimetypes"
        cp "$png" "$ICONS/${size}x${size}/apps/cscoach.png"
        cp "$png" "$ICONS/${size}x${size}/mimetypes/$MIME_ICON.png"
    done
    svg="$ROOT/cscoach/ui/icons/cscoach.svg"
    if [ -f "$svg" ]; then
        mkdir -p "$ICONS/scalable/apps"
        cp "$svg" "$ICONS/scalable/apps/cscoach.svg"
    fi

    mkdir -p "$APPS"
    value=$(exec_value "$target")
    # sed's replacement treats & and \ specially: escape them.
    replacement=$(printf '%s' "$value" | sed -e 's/[\\&|]/\\&/g')
    sed "s|^Exec=.*|Exec=$replacement %f|" "$HERE/$DESKTOP" >"$APPS/$DESKTOP"
    chmod 644 "$APPS/$DESKTOP"

    if have xdg-mime; then
        xdg-mime install --mode user --novendor "$HERE/$MIME_XML"
    else
        mkdir -p "$MIME/packages"
        cp "$HERE/$MIME_XML" "$MIME/packages/$MIME_XML"
        if have update-mime-database; then
            update-mime-database "$MIME"
        fi
    fi
    refresh
    say "Installed CS Coach for $(id -un): the menu entry starts $target"
    say "  $APPS/$DESKTOP"
    say "  $ICONS/<size>/apps/cscoach.png"
    if ! have xdg-mime && ! have update-mime-database; then
        say "  (no xdg-mime or update-mime-database here: *.cscoach files are registered"
        say "   the next time the desktop updates its file types)"
    fi
}

uninstall_files() {
    for size in $SIZES; do
        rm -f "$ICONS/${size}x${size}/apps/cscoach.png" \
            "$ICONS/${size}x${size}/mimetypes/$MIME_ICON.png"
    done
    rm -f "$ICONS/scalable/apps/cscoach.svg" "$APPS/$DESKTOP"
    if have xdg-mime && [ -f "$MIME/packages/$MIME_XML" ]; then
        xdg-mime uninstall --mode user "$HERE/$MIME_XML" || rm -f "$MIME/packages/$MIME_XML"
    fi
    if [ -f "$MIME/packages/$MIME_XML" ]; then
        rm -f "$MIME/packages/$MIME_XML"
        if have update-mime-database; then
            update-mime-database "$MIME"
        fi
    fi
    refresh
    say "Removed CS Coach's menu entry, icons and file type for $(id -un)."
    say "Your workbooks are not touched."
}

action=install
target=
while [ $# -gt 0 ]; do
    case $1 in
        --uninstall) action=uninstall ;;
        --exec)
            [ $# -ge 2 ] || fail "--exec needs the path of the cscoach program"
            target=$2
            shift
            ;;
        --exec=*) target=${1#--exec=} ;;
        -h | --help) usage; exit 0 ;;
        *) fail "unknown option $1 (try --help)" ;;
    esac
    shift
done

if [ "$action" = uninstall ]; then
    uninstall_files
else
    [ -n "$target" ] || target=$(find_cscoach)
    install_files "$target"
fi
