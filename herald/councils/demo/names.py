"""Deterministic made-up names for scale councils: the same index always gives the same person."""

from __future__ import annotations

# fmt: off
FIRST_NAMES = (
    "Abigail", "Ahmed", "Alys", "Amara", "Angus", "Anika", "Arthur", "Beatrix", "Bilal", "Bronwen",
    "Caleb", "Ceri", "Dafydd", "Daisy", "Eamon", "Elspeth", "Emeka", "Esme", "Farah", "Fergus",
    "Gethin", "Grace", "Hannah", "Hugo", "Idris", "Ines", "Jasper", "Jun", "Kezia", "Kieran",
    "Lowri", "Luca", "Mairead", "Malik", "Megan", "Nadia", "Noah", "Orla", "Osian", "Parveen",
    "Quentin", "Rania", "Reuben", "Saoirse", "Seren", "Tariq", "Thea", "Ursula", "Wilf", "Yasmin",
)
LAST_NAMES = (
    "Abbott", "Ainsworth", "Bamford", "Barraclough", "Birtwistle", "Bulmer", "Cawthorne",
    "Coulthard", "Dalgleish", "Dewhurst", "Eckersley", "Entwistle", "Fairclough", "Gaskell",
    "Greatorex", "Haworth", "Heseltine", "Illingworth", "Jagger", "Kershaw", "Lathom", "Lumb",
    "Mellor", "Moxon", "Nuttall", "Ogden", "Ormerod", "Parkinson", "Pickersgill", "Quayle",
    "Ramsbottom", "Rishworth", "Sagar", "Scholes", "Sowerby", "Sutcliffe", "Thwaite", "Tordoff",
    "Uttley", "Varley", "Wadsworth", "Whiteley", "Wolstenholme", "Yeadon", "Ackroyd", "Brearley",
    "Crabtree", "Duckworth", "Greenwood", "Holdsworth", "Ingham", "Lister", "Murgatroyd",
)
# fmt: on


def staff_name(index: int) -> tuple[str, str]:
    """A first and last name; coprime strides spread the combinations across a large council."""
    first = FIRST_NAMES[(index * 7) % len(FIRST_NAMES)]
    last = LAST_NAMES[(index * 11 + index // len(FIRST_NAMES)) % len(LAST_NAMES)]
    return first, last
