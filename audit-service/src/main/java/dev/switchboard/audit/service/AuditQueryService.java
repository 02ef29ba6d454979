package dev.switchboard.audit.service;

import dev.switchboard.audit.mapping.AuditEntryMapper;
import dev.switchboard.audit.repository.AuditEventRepository;
import dev.switchboard.audit.rest.AuditEntry;
import dev.switchboard.platform.error.ApiException;
import dev.switchboard.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** Answers audit queries within the caller's tenant: another tenant's event is as missing as one never stored. */
@ApplicationScoped
public class AuditQueryService {

    private final AuditEventRepository repository;
    private final AuditEntryMapper mapper;

    public AuditQueryService(AuditEventRepository repository, AuditEntryMapper mapper) {
        this.repository = repository;
        this.mapper = mapper;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AuditEntry get(String eventId, Caller caller) {
        Optional<String> tenant = caller.seesAllTenants() ? Optional.empty() : Optional.ofNullable(caller.tenantId());
        if (!caller.seesAllTenants() && tenant.isEmpty()) {
            throw ApiException.notFound("audit entry", eventId);
        }
        return repository.findVisible(eventId, tenant).map(mapper::toEntry)
                .orElseThrow(() -> ApiException.notFound("audit entry", eventId));
    }
}
