"""Rule sets: YAML data naming checker kinds, loaded, validated and chosen per report."""
