# Assemble one of the extension's SQL scripts from extension/ (called by the
# Makefile; POSIX awk, no server needed).
#
# Every definition is written once, in an install part extension/NN_*.sql.
# A part names the definitions an update script needs as blocks:
#
#     --@define NAME
#     CREATE FUNCTION ...;
#     COMMENT ON FUNCTION ...;
#     --@end
#
# Install script: awk -f assemble-sql.awk extension/NN_*.sql
#     prints the parts in order, without the marker lines.
# Update script:  awk -v update=extension/updates/OLD--NEW.sql -f assemble-sql.awk \
#                     extension/NN_*.sql extension/updates/OLD--NEW.sql
#     prints the update source, where a line
#         --@include NAME   stands for block NAME as written, and
#         --@replace NAME   for block NAME with CREATE FUNCTION and CREATE VIEW
#                           turned into CREATE OR REPLACE (for objects the
#                           older release already has: their OIDs, and so
#                           what depends on them, stay).
# A name defined twice, an unknown name, or an unclosed block is an error.

function fail(msg) {
	printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	failed = 1
	exit 1
}

FNR == 1 && name != "" { fail("block " name " is not closed at the end of the file before") }

FILENAME == update {
	if ($1 == "--@include" || $1 == "--@replace") {
		if (NF != 2 || !($2 in block))
			fail("no block named " $2 " in the install parts")
		n = split(block[$2], lines, "\n")
		for (i = 1; i < n; i++) {
			line = lines[i]
			if ($1 == "--@replace") {
				sub(/^CREATE FUNCTION /, "CREATE OR REPLACE FUNCTION ", line)
				sub(/^CREATE VIEW /, "CREATE OR REPLACE VIEW ", line)
			}
			print line
		}
		next
	}
	if ($0 ~ /^--@/)
		fail("unknown directive " $1)
	print
	next
}

$1 == "--@define" {
	if (name != "")
		fail("block " $2 " starts inside block " name)
	if (NF != 2 || $2 in block)
		fail("block name missing or defined twice: " $2)
	name = $2
	block[name] = ""
	next
}
$1 == "--@end" {
	if (name == "")
		fail("--@end outside a block")
	name = ""
	next
}
$0 ~ /^--@/ { fail("unknown directive " $1) }
{
	if (name != "")
		block[name] = block[name] $0 "\n"
	if (update == "")
		print
}
END {
	if (!failed && name != "") {
		printf "block %s is not closed\n", name > "/dev/stderr"
		exit 1
	}
}
