"""One router per page group; each serves its HTML page and its ``/api/`` JSON."""
