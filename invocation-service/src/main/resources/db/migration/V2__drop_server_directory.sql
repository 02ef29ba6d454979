-- Server configurations carry secrets, so this service keeps them in memory only, as the registry's internal API
-- and its events deliver them; the table of names it kept before is no longer used.
DROP TABLE server_directory;
