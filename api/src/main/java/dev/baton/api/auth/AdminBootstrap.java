package dev.baton.api.auth;

import dev.baton.api.config.AuditTrail;
import dev.baton.core.account.AccountIds;
import dev.baton.core.account.ExpirePasswordCommand;
import dev.baton.core.account.RegisterUserCommand;
import dev.baton.core.common.DomainException;
import dev.baton.query.access.AccessDirectory;
import dev.baton.runner.store.DurableCommits;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The first start with accounts on and none stored creates {@code admin}: with the password of
 * {@code BATON_ADMIN_PASSWORD}, else a random one printed once in the log (the only place it ever appears) and
 * expired at once, so that it only lets its reader set their own password.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    static final String ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private final AuthSettings settings;
    private final AccessDirectory directory;
    private final Passwords passwords;
    private final CommandGateway commands;
    private final DurableCommits durableCommits;

    AdminBootstrap(AuthSettings settings, AccessDirectory directory, Passwords passwords, CommandGateway commands,
                   DurableCommits durableCommits) {
        this.durableCommits = durableCommits;
        this.settings = settings;
        this.directory = directory;
        this.passwords = passwords;
        this.commands = commands;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!settings.enabled() || directory.hasUsers()) {
            return;
        }
        boolean chosen = !settings.adminPassword().isBlank();
        String password = chosen ? settings.adminPassword() : Secrets.random().substring(0, 24);
        String hash;
        try {
            hash = passwords.hash(password);
        } catch (DomainException tooShort) {
            throw new IllegalStateException("BATON_ADMIN_PASSWORD: " + tooShort.getMessage());
        }
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RegisterUserCommand(
                    AccountIds.ofUsername(ADMIN), ADMIN, "Administrator", hash, true))
                    .andMetaData(MetaData.with(AuditTrail.USER, "system")));
        } catch (RuntimeException e) {
            if (directory.password(ADMIN).isPresent()) {
                return; // another node created it at the same moment
            }
            throw e;
        }
        if (!chosen) {
            // printed in the log, it may be read by others: it is good for one sign-in that sets the real one
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new ExpirePasswordCommand(
                    AccountIds.ofUsername(ADMIN))).andMetaData(MetaData.with(AuditTrail.USER, "system")));
        }
        durableCommits.now(); // the password is printed once: the account must not be lost to a crash after it
        if (chosen) {
            log.info("Accounts are on: created the account '{}' with the password of BATON_ADMIN_PASSWORD", ADMIN);
        } else {
            log.warn("Accounts are on: created the account '{}' with the password {} (shown this once, good for one"
                    + " sign-in that sets your own; or set BATON_ADMIN_PASSWORD before the first start)", ADMIN,
                    password);
        }
    }
}
