"""Speed at scale: a bulk generator of a fictional region (``scale``), the page benchmark run by
``make bench`` (``pages``) and the access-log throughput measurement (``throughput``)."""
