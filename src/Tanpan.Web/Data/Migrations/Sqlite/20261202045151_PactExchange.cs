using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tanpan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PactExchange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PactClients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SecretHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CallbackClientId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CallbackSecretProtected = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastUsedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PactClients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PactClients_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PactExchanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SpecMajor = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestEventId = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    PactClientId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SupplierConnectionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReplySource = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    FilterJson = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AnswerPfIdsJson = table.Column<string>(type: "TEXT", nullable: true),
                    RejectCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    RejectMessage = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AnsweredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Delivery = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LeaseUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PactExchanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PactExchanges_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PactFootprints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeprecatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RecordJson = table.Column<string>(type: "TEXT", nullable: false),
                    RecordHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PactFootprints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PactFootprints_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReceivedFootprints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PfId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SupplierConnectionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    InvitationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SupplierName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProductName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ProductIds = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    KgCo2ePerUnit = table.Column<decimal>(type: "TEXT", precision: 38, scale: 18, nullable: false),
                    DeclaredUnit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MassKgPerUnit = table.Column<decimal>(type: "TEXT", precision: 38, scale: 18, nullable: true),
                    ReferenceFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReferenceTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PrimaryDataPercent = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: true),
                    TechnologicalDqr = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: true),
                    TemporalDqr = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: true),
                    GeographicalDqr = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SelfDeclared = table.Column<bool>(type: "INTEGER", nullable: false),
                    SpecVersion = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    DocumentJson = table.Column<string>(type: "TEXT", nullable: false),
                    DocumentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceivedFootprints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReceivedFootprints_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SupplierConnections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BaseUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SpecMajor = table.Column<int>(type: "INTEGER", nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SecretProtected = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CallbackClientId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastFetchAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupplierConnections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupplierConnections_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SupplierInvitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SupplierName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ProductName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    DeclaredUnit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AnsweredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupplierInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupplierInvitations_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PactAccessTokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PactClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PactAccessTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PactAccessTokens_PactClients_PactClientId",
                        column: x => x.PactClientId,
                        principalTable: "PactClients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PactClientGrants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PactClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PactClientGrants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PactClientGrants_PactClients_PactClientId",
                        column: x => x.PactClientId,
                        principalTable: "PactClients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PactAccessTokens_ExpiresAtUtc",
                table: "PactAccessTokens",
                column: "ExpiresAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_PactAccessTokens_PactClientId",
                table: "PactAccessTokens",
                column: "PactClientId");

            migrationBuilder.CreateIndex(
                name: "IX_PactAccessTokens_TokenHash",
                table: "PactAccessTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PactClientGrants_PactClientId_ProductId",
                table: "PactClientGrants",
                columns: new[] { "PactClientId", "ProductId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PactClients_ClientId",
                table: "PactClients",
                column: "ClientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PactClients_CompanyId",
                table: "PactClients",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_PactExchanges_CompanyId_Direction_RequestEventId",
                table: "PactExchanges",
                columns: new[] { "CompanyId", "Direction", "RequestEventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PactExchanges_Delivery_NextAttemptAtUtc",
                table: "PactExchanges",
                columns: new[] { "Delivery", "NextAttemptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PactFootprints_CompanyId",
                table: "PactFootprints",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_PactFootprints_ProductId_ProductVersion",
                table: "PactFootprints",
                columns: new[] { "ProductId", "ProductVersion" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReceivedFootprints_CompanyId_PfId",
                table: "ReceivedFootprints",
                columns: new[] { "CompanyId", "PfId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupplierConnections_CompanyId",
                table: "SupplierConnections",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_SupplierInvitations_CompanyId",
                table: "SupplierInvitations",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_SupplierInvitations_TokenHash",
                table: "SupplierInvitations",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PactAccessTokens");

            migrationBuilder.DropTable(
                name: "PactClientGrants");

            migrationBuilder.DropTable(
                name: "PactExchanges");

            migrationBuilder.DropTable(
                name: "PactFootprints");

            migrationBuilder.DropTable(
                name: "ReceivedFootprints");

            migrationBuilder.DropTable(
                name: "SupplierConnections");

            migrationBuilder.DropTable(
                name: "SupplierInvitations");

            migrationBuilder.DropTable(
                name: "PactClients");
        }
    }
}
