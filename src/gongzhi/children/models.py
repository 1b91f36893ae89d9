"""Children's councils (儿童议事会), their members and sessions, and children's suggestions."""
