-- Per-item outcomes (distinct input key -> right or wrong) of a promotion's accuracy run, so the
-- next promotion to the same environment is compared with it item by item. NULL for runs
-- recorded before outcomes were kept.
ALTER TABLE "evaluation_metrics" ADD COLUMN "item_outcomes" JSONB;
