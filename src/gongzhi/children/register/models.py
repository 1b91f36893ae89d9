"""Child impact assessments (儿童影响评价) and child-friendly spaces and projects."""
