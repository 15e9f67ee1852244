"""The standards engine's labelled evaluation set: realistic council posts and replies, each
labelled with the categories a careful reviewer would flag. ``load`` turns it into checks."""
