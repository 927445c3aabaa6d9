"""ru/kk/en texts of the siting step. Merged into :data:`geo.i18n.TEXTS`."""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
}
# fmt: on
