"""Rules of the functional map: validity of indicator values, fill %, segment history."""
