"""Staff and technician screens (cash collection, settlement, attention list, device tests),
shown over the resident window; all rules live in kiosk/staff, these widgets only render them."""
