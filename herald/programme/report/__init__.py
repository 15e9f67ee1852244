"""The report to Policy Committee (Recommendation 2): its content gathered for a period, drawn as
a committee report (HTML and PDF), edited while a draft and frozen when finalised."""
