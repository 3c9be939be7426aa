#!/bin/sh
# Runs every program of programs.txt, for each of its ABIs, on qemu-riscv64
# and compares its stdout and exit status with expected/NAME.out and
# expected/NAME.status.  With --update, writes those files instead (from the
# rv64gc run; the other ABIs must then agree with it).
# stdin is expected/NAME.in if there is one, else /dev/null.
cd "$(dirname "$0")" || exit 2
QEMU=${QEMU:-qemu-riscv64}
update=false
[ "$1" = --update ] && update=true
command -v "$QEMU" >/dev/null || { echo "no $QEMU: skipped"; exit 0; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
grep -v '^#' programs.txt | grep -v '^ *$' |
while IFS='|' read -r name abis args what; do
	name=$(echo $name)
	in=/dev/null
	[ -f expected/$name.in ] && in=expected/$name.in
	for abi in $abis; do
		# shellcheck disable=SC2086
		$QEMU bin/$abi/$name $args <"$in" >"$tmp/out" 2>"$tmp/err"
		status=$?
		if $update && [ ! -f "$tmp/$name.done" ]; then
			cp "$tmp/out" expected/$name.out
			echo $status >expected/$name.status
			touch "$tmp/$name.done"
		fi
		if cmp -s "$tmp/out" expected/$name.out &&
		   [ "$status" = "$(cat expected/$name.status)" ]; then
			echo "ok   $abi/$name (status $status)"
		else
			echo "FAIL $abi/$name (status $status, expected $(cat expected/$name.status))"
			diff expected/$name.out "$tmp/out" | head -20
			echo 1 >"$tmp/failed"
		fi
	done
done
[ -f "$tmp/failed" ] && exit 1
exit 0
