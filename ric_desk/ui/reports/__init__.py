"""The contact report screen: layout and filters, the tree of groups, the chart, drill-down."""
