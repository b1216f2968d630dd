using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tanpan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProductFootprintVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DerivationJson",
                table: "BomLines",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "GeographicalDqr",
                table: "BomLines",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TechnologicalDqr",
                table: "BomLines",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TemporalDqr",
                table: "BomLines",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "UncertaintyGsd",
                table: "BomLines",
                type: "numeric(28,10)",
                precision: 28,
                scale: 10,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProductFootprints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    SchemaVersion = table.Column<int>(type: "integer", nullable: false),
                    TotalKgCo2e = table.Column<decimal>(type: "numeric(38,18)", precision: 38, scale: 18, nullable: false),
                    RecordJson = table.Column<string>(type: "text", nullable: false),
                    RecordHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LockedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    LockedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProductFootprints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProductFootprints_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProductFootprints_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProductFootprints_CompanyId",
                table: "ProductFootprints",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_ProductFootprints_ProductId_Version",
                table: "ProductFootprints",
                columns: new[] { "ProductId", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProductFootprints");

            migrationBuilder.DropColumn(
                name: "DerivationJson",
                table: "BomLines");

            migrationBuilder.DropColumn(
                name: "GeographicalDqr",
                table: "BomLines");

            migrationBuilder.DropColumn(
                name: "TechnologicalDqr",
                table: "BomLines");

            migrationBuilder.DropColumn(
                name: "TemporalDqr",
                table: "BomLines");

            migrationBuilder.DropColumn(
                name: "UncertaintyGsd",
                table: "BomLines");
        }
    }
}
