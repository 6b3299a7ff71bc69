-- Camera resources by owner (issue 18; vocabulary/resource-classes.ts): 1 = 一类 (built by public
-- security), 2 = 二类 (other government departments and industries), 3 = 三类 (social units:
-- shops, estates, schools). NULL: not recorded. The owner itself is owner_unit (migration 0001).
-- Coverage of public-security cameras alone vs with integrated resources filters on it.
ALTER TABLE cameras ADD COLUMN resource_class smallint CHECK (resource_class BETWEEN 1 AND 3);
