-- question: Belgenin kendi tutarsızlıkları neler? (reconciliation findings: rounding and mismatches)
select
    document_id as belge,
    check_name as kontrol,
    subject as konu,
    expected as beklenen,
    actual as bulunan,
    difference as fark,
    status as durum
from marts.rpt_reconciliation
where status <> 'ok'
order by status = 'mismatch' desc, belge, kontrol, konu
