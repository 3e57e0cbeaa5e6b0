// The search page's client; the index is written by oops build.
